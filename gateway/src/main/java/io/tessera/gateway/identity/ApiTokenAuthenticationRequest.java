package io.tessera.gateway.identity;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A Tessera API token presented in an Authorization header, to be checked against the database. */
public class ApiTokenAuthenticationRequest extends BaseAuthenticationRequest {

    private final String token;

    public ApiTokenAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}

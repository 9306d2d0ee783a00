package io.tessera.gateway.identity;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The API's answer to missing or bad credentials: a {@code WWW-Authenticate} challenge and the
 * message of the {@code {"error": ...}} body. Written by the authentication mechanism (HTTP layer)
 * and by {@link AuthErrorMapper} (when JAX-RS security checks fail), so both look the same.
 */
public record ApiChallenge(String header, String message) {

    /** Routing-context key under which a rejected Tessera API token leaves its reason. */
    static final String REJECTION = "tessera.auth.rejection";
    static final String SCHEME = "Bearer realm=\"tessera\"";

    public static ApiChallenge of(RoutingContext context) {
        boolean credentialsSent = context.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        // RFC 6750: error="invalid_token" only when a token was sent and refused.
        return new ApiChallenge(credentialsSent ? SCHEME + ", error=\"invalid_token\"" : SCHEME,
                UnauthorizedMessages.of(context.get(REJECTION), credentialsSent));
    }
}

package io.tessera.gateway.identity;

/** The text of an API 401: why the credentials failed, or how to send some. */
public final class UnauthorizedMessages {

    static final String MISSING = "authentication required: send a Keycloak access token (Authorization: Bearer <jwt>)"
            + " or a Tessera API token (Authorization: Bearer|token|jupyterhub tsr_...)";
    static final String INVALID_BEARER = "invalid bearer token: not a valid, unexpired Keycloak access token for this gateway";

    private UnauthorizedMessages() {
    }

    /**
     * @param rejection why a Tessera API token was rejected, if one was
     * @param credentialsSent whether the request had an Authorization header at all
     */
    public static String of(String rejection, boolean credentialsSent) {
        if (rejection != null) {
            return rejection;
        }
        return credentialsSent ? INVALID_BEARER : MISSING;
    }
}

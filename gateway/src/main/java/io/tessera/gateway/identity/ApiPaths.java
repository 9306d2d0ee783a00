package io.tessera.gateway.identity;

/** Which requests are the JSON API (401 challenges) rather than pages (login redirects). */
public final class ApiPaths {

    private ApiPaths() {
    }

    public static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }

    /** The dashboard proxy: pages for a browser, API-like for scripts and WebSockets. */
    public static boolean isDashboard(String path) {
        return path != null && (path.equals("/clusters") || path.startsWith("/clusters/"));
    }

    /**
     * Whether a failed authentication is answered with the API's JSON 401 (not a login redirect):
     * every API path, and dashboard requests except those of a browser without credentials (no
     * Authorization header, asking for HTML), which go to the Keycloak login and come back.
     */
    public static boolean challengesWith401(String path, String authorization, String accept) {
        if (isApi(path)) {
            return true;
        }
        if (!isDashboard(path)) {
            return false;
        }
        boolean browser = authorization == null && accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html");
        return !browser;
    }
}

package io.tessera.gateway.identity;

/** Which request paths are the JSON API (401 challenges) rather than pages (login redirects). */
public final class ApiPaths {

    private ApiPaths() {
    }

    public static boolean isApi(String path) {
        return path != null && (path.equals("/api") || path.startsWith("/api/"));
    }
}

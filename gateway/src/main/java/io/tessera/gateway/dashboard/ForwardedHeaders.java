package io.tessera.gateway.dashboard;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What of a request's headers reaches the scheduler (pure, on the request's own header map, which
 * the proxy copies afterwards). The scheduler runs the cluster owner's code, so it must never see
 * the caller's credentials: {@code Authorization}, {@code Proxy-Authorization} and the gateway's own
 * cookies (OIDC session {@code q_session*}, state {@code q_auth*}, every other {@code q_*}, and the
 * CSRF cookie) are removed; other cookies pass. Headers that the {@code Connection} header names
 * are hop-by-hop and removed (vertx-http-proxy drops only the fixed hop-by-hop set); for a WebSocket
 * upgrade {@code Connection}/{@code Upgrade} stay, the proxy rewrites them. {@code X-Forwarded-For}
 * gets the caller appended; {@code X-Forwarded-Proto}/{@code -Host} say what the caller used.
 */
public final class ForwardedHeaders {

    private static final Set<String> KEPT_FOR_UPGRADE = Set.of("upgrade", "connection");

    private ForwardedHeaders() {
    }

    public static void sanitise(MultiMap headers, boolean websocket, String csrfCookie, String remoteAddress,
                                String proto, String host) {
        headers.remove("Authorization");
        headers.remove("Proxy-Authorization");
        for (String named : connectionTokens(headers)) {
            if (!(websocket && KEPT_FOR_UPGRADE.contains(named))) {
                headers.remove(named);
            }
        }
        List<String> cookies = new ArrayList<>();
        for (String header : headers.getAll("Cookie")) {
            for (String pair : header.split(";")) {
                String trimmed = pair.strip();
                int equals = trimmed.indexOf('=');
                String name = equals < 0 ? trimmed : trimmed.substring(0, equals).strip();
                if (!trimmed.isEmpty() && !name.startsWith("q_") && !name.equals(csrfCookie)) {
                    cookies.add(trimmed);
                }
            }
        }
        headers.remove("Cookie");
        if (!cookies.isEmpty()) {
            headers.set("Cookie", String.join("; ", cookies));
        }
        String forwardedFor = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank() ? remoteAddress
                : forwardedFor + ", " + remoteAddress);
        headers.set("X-Forwarded-Proto", proto);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
    }

    /**
     * A scheduler's response headers before they reach the caller: hop-by-hop headers go (the
     * proxy passes them on otherwise), and so does {@code Set-Cookie}: the dashboard is served on
     * the gateway's origin and needs no cookies, and a cookie from the owner's scheduler must not
     * replace the session of an admin who views it.
     */
    public static void sanitiseResponse(MultiMap headers) {
        for (String named : connectionTokens(headers)) {
            headers.remove(named);
        }
        for (String hop : List.of("Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Connection", "TE", "Trailer",
                "Upgrade", "Set-Cookie", "Set-Cookie2")) {
            headers.remove(hop);
        }
    }

    private static List<String> connectionTokens(MultiMap headers) {
        List<String> tokens = new ArrayList<>();
        for (String value : headers.getAll("Connection")) {
            for (String token : value.split(",")) {
                String name = token.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("close") && !name.equals("keep-alive")) {
                    tokens.add(name);
                }
            }
        }
        return tokens;
    }
}

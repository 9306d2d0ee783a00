package io.tessera.gateway.books;

import io.tessera.gateway.testing.LocalKubernetes;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The whole gateway against the local API server: the REST cluster API (Kubernetes on) and the
 * admission webhook (on, its listener on 127.0.0.1), under names of their own so that it never
 * meets WebhookIT's registration. The reconciliation of the books is off (resync every hour): the
 * books must be exact by construction, not by repair.
 */
public class BooksProfile implements QuarkusTestProfile {

    public static final String CONFIGURATION = "tessera-gateway-books-it";
    public static final int PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        LocalKubernetes.requireReachable();
        return Map.ofEntries(Map.entry("tessera.gateway.kubernetes.enabled", "true"),
                Map.entry("tessera.gateway.kubernetes.sync-grace", "10s"),
                Map.entry("tessera.gateway.kubernetes.resync-interval", "1h"),
                Map.entry("tessera.gateway.kubernetes.wait-timeout", "3s"),
                Map.entry("tessera.webhook.enabled", "true"),
                Map.entry("tessera.webhook.host", "127.0.0.1"),
                Map.entry("tessera.webhook.port", Integer.toString(PORT)),
                Map.entry("tessera.webhook.namespace", "default"),
                Map.entry("tessera.webhook.secret-name", "tessera-gateway-webhook-tls-books-it"),
                Map.entry("tessera.webhook.configuration-name", CONFIGURATION),
                Map.entry("tessera.webhook.queue-resync", "2s"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

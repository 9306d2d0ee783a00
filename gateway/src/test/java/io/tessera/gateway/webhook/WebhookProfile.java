package io.tessera.gateway.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The gateway with its admission webhook and queue on, against the local API server in
 * $KUBECONFIG: the listener on 127.0.0.1 and a free port fixed for the run (so that a restarted
 * listener is reached at the same URL), its Secret and webhook configuration under test names.
 */
public class WebhookProfile implements QuarkusTestProfile {

    public static final String NAMESPACE = "default";
    public static final String SECRET = "tessera-gateway-webhook-tls-it";
    public static final String CONFIGURATION = "tessera-gateway-it";
    public static final int PORT = freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tessera.webhook.enabled", "true",
                "tessera.webhook.host", "127.0.0.1",
                "tessera.webhook.port", Integer.toString(PORT),
                "tessera.webhook.namespace", NAMESPACE,
                "tessera.webhook.secret-name", SECRET,
                "tessera.webhook.configuration-name", CONFIGURATION,
                "tessera.webhook.queue-resync", "2s");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

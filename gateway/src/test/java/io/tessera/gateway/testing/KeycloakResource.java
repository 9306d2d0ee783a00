package io.tessera.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts one real Keycloak for the test run through the project's script
 * ({@code e2e-tests/cluster/keycloak}: the Maven Central distribution, dev mode on loopback, an
 * in-memory database, the test realm imported) and points the gateway's OIDC, login and
 * admin-client settings at it. The instance is named after this JVM, so concurrent builds never
 * share a Keycloak.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "tessera";
    /** Public direct-grant client of the test realm; its tokens carry the gateway audience. */
    public static final String CLI_CLIENT = "tessera-cli";
    /** Test-only password of every realm user: {@code <username>-test-password}. */
    public static final String PASSWORD_SUFFIX = "-test-password";

    private static volatile String url;
    private final String name = "gateway-test-" + ProcessHandle.current().pid();
    private boolean started;

    /** The running test Keycloak, e.g. {@code http://127.0.0.1:41234}. */
    public static String url() {
        if (url == null) {
            throw new IllegalStateException("the test Keycloak is not running (add KeycloakResource to the test)");
        }
        return url;
    }

    public static String issuer() {
        return url() + "/realms/" + REALM;
    }

    @Override
    public Map<String, String> start() {
        // Developer shortcut: reuse a Keycloak started by hand with the test realm
        // (e2e-tests/cluster/keycloak start; eval "$(e2e-tests/cluster/keycloak env)").
        String reuse = System.getenv("TESSERA_TEST_KEYCLOAK_URL");
        if (reuse != null && !reuse.isBlank()) {
            url = reuse;
            return config();
        }
        long begin = System.nanoTime();
        int port = freeLoopbackPort();
        Path realm = Path.of("src/test/resources/keycloak/tessera-realm.json").toAbsolutePath();
        run(List.of(script().toString(), "start", "--name", name, "--port", Integer.toString(port),
                "--realm-file", realm.toString()), 360);
        started = true;
        // A killed build must not leave a 500 MB Keycloak behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        url = "http://127.0.0.1:" + port;
        System.out.printf("[keycloak] %s ready in %d ms%n", url, (System.nanoTime() - begin) / 1_000_000);
        return config();
    }

    private static Map<String, String> config() {
        return Map.of(
                "tessera.keycloak.url", url,
                "tessera.keycloak.realm", REALM,
                "tessera.keycloak.client-id", "tessera-gateway",
                "tessera.keycloak.client-secret", "tessera-gateway-test-secret");
    }

    @Override
    public synchronized void stop() {
        if (started) {
            started = false;
            run(List.of(script().toString(), "stop", "--name", name), 60);
        }
    }

    /** The script, found from the module directory Maven runs tests in (or the repository root). */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("e2e-tests/cluster/keycloak");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("e2e-tests/cluster/keycloak not found above " + Path.of("").toAbsolutePath());
    }

    private static void run(List<String> command, int timeoutSeconds) {
        try {
            Path output = Files.createTempFile("tessera-keycloak", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                            + " s:\n" + Files.readString(output));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue()
                            + "):\n" + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

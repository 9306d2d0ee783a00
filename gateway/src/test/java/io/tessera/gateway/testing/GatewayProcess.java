package io.tessera.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) as its own process, the way
 * it runs in production: its own JVM, the KUBECONFIG of the test's API server, a PostgreSQL URL,
 * HTTP on a random loopback port. Logs go to {@code target/gateway-logs/<name>.log}.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path LOGS = Path.of("target", "gateway-logs");

    private final Process process;
    private final Path log;

    private GatewayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static GatewayProcess start(String name, String jdbcUrl, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: package the gateway first "
                    + "(mvn verify runs package before the ITs)");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                // The front door too: production binds 8080 on all interfaces.
                "-Dtessera.gateway.proxy.host=127.0.0.1", "-Dtessera.gateway.proxy.port=0",
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl, "-Dquarkus.datasource.username=" + PostgresServer.USER,
                // Names its database sessions, so that a test can tell when a killed gateway's are gone.
                "-Dquarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName=" + name));
        // The gateway needs Keycloak settings to start; tests that do not log in point it at a
        // closed loopback port (OIDC is then initialised at the first authenticated request).
        if (!settings.containsKey("tessera.keycloak.url")) {
            command.addAll(List.of("-Dtessera.keycloak.url=http://127.0.0.1:9", "-Dtessera.keycloak.client-secret=unused"));
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + ".log");
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            return new GatewayProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway " + name, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The log so far, for assertion messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no last heartbeat; the hardest kind of restart. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}

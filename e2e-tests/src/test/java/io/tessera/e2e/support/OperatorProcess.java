package io.tessera.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator (operator/target/quarkus-app) running as its own process against the test
 * cluster, out of cluster, as a user would run it: its own kubeconfig, leader election on, HTTP on
 * a random loopback port. Logs go to target/operator-logs/&lt;name&gt;.log.
 */
public final class OperatorProcess implements AutoCloseable {

    private static final Path JAR = TestCluster.repoDir().resolve("operator/target/quarkus-app/quarkus-run.jar");
    private static final Path LOGS = Path.of("target", "operator-logs");

    private final String name;
    private final Process process;

    private OperatorProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * @param settings operator settings as system properties, e.g. tessera.operator.worker-batch-size
     */
    public static OperatorProcess start(String name, Path kubeconfig, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: package the operator first (mvn package -pl operator)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-Dtessera.operator.leader-election.lease-namespace=" + OperatorIdentity.NAMESPACE,
                // Simulated pods have no reachable scheduler: a closed loopback port, never another host.
                "-Dtessera.operator.scheduler-url=http://127.0.0.1:9"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
            return new OperatorProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the operator " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, no lease is released; the hardest kind of restart. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}

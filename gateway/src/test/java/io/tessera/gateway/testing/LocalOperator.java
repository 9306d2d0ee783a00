package io.tessera.gateway.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Tessera operator (operator/target/quarkus-app) as its own process against the local
 * cluster, so that ArrayClusters the gateway creates really reach Running. The gateway never
 * depends on the operator's code: it only needs the jar, which the full build packages first
 * (the operator module precedes the gateway); alone, package it with
 * {@code mvn -pl operator -am package -DskipTests}. Log: target/operator-logs/NAME.log.
 */
public final class LocalOperator implements AutoCloseable {

    private static final String LEASE_NAMESPACE = "tessera-system";

    private final Process process;
    private final Path log;

    private LocalOperator(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static LocalOperator start(String name, KubernetesClient client) {
        Path jar = LocalKubernetes.repo().resolve("operator/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the operator first "
                    + "(mvn -pl operator -am package -DskipTests; the full build does it before the gateway)");
        }
        if (client.namespaces().withName(LEASE_NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(LEASE_NAMESPACE).endMetadata()
                    .build()).create();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-Dtessera.operator.leader-election.lease-namespace=" + LEASE_NAMESPACE,
                // Simulated pods run no scheduler: a closed loopback port, never another host.
                "-Dtessera.operator.scheduler-url=http://127.0.0.1:9", "-jar", jar.toString());
        try {
            Path logs = Files.createDirectories(Path.of("target", "operator-logs"));
            Path log = logs.resolve(name + ".log");
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            LocalOperator operator = new LocalOperator(process, log);
            operator.awaitStarted(Duration.ofSeconds(90));
            return operator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the operator", e);
        }
    }

    private void awaitStarted(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains("Profile prod activated")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the operator exited with " + process.exitValue() + "; see " + log);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the operator did not start within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

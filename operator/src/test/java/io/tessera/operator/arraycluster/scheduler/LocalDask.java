package io.tessera.operator.arraycluster.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.tls.ClusterCertificateIssuer;
import io.tessera.operator.arraycluster.tls.ClusterCredentials;

/**
 * A real Dask scheduler and workers as local processes (distributed from PyPI, via the python in
 * {@code -Dtessera.python}), each worker named like the pod it stands for, set up like the pods of
 * the ArrayCluster they stand for: the scheduler serves its HTTP routes under the cluster's prefix
 * ({@link ClusterNames#dashboardPrefix}), and every comm (scheduler, workers, clients) is TLS with
 * credentials of the operator's own issuer, certificates required both ways, configured through
 * Dask's variables as the worker image's entrypoint does. Logs go to {@code target/dask-logs/}.
 */
public final class LocalDask implements AutoCloseable {

    /** Client program keeping a number of one-second tasks per round in flight until it is stopped. */
    private static final String BUSY_CLIENT = """
            import sys, time
            from distributed import Client
            client = Client(sys.argv[1])
            while True:
                client.gather(client.map(time.sleep, [1] * %d, pure=False))
            """;

    private static final String PYTHON = System.getProperty("tessera.python", "python3");
    private static final Path LOGS = Path.of("target", "dask-logs");

    private static final Path TLS = Path.of("target", "dask-tls");

    private final List<Process> processes = new ArrayList<>();
    private final java.util.Map<String, Process> byName = new java.util.HashMap<>();
    private final int commPort = freePort();
    private final int httpPort = freePort();
    private final String prefix;
    private final Map<String, String> tlsEnvironment;

    /** @param cluster the ArrayCluster this Dask stands for: its name gives the HTTP route prefix */
    public LocalDask(String cluster) {
        this.prefix = ClusterNames.dashboardPrefix(cluster);
        this.tlsEnvironment = tls(cluster);
    }

    /** Starts the scheduler with the HTTP routes and prefix the operator gives the scheduler pod. */
    public LocalDask startScheduler() {
        start("scheduler", List.of("-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                "--port", String.valueOf(commPort), "--protocol", "tls", "--dashboard-prefix", prefix,
                "--dashboard-address", "127.0.0.1:" + httpPort));
        return this;
    }

    public LocalDask startWorker(String name) {
        start(name, List.of("-m", "distributed.cli.dask_worker", commAddress(), "--name", name,
                "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard", "--memory-limit", "512MiB"));
        return this;
    }

    /** Puts the scheduler under load: a client keeping {@code tasks} one-second tasks per round in flight. */
    public LocalDask startBusyClient(String name, int tasks) {
        start(name, List.of("-c", BUSY_CLIENT.formatted(tasks), commAddress()));
        return this;
    }

    /** The scheduler's comm address, {@code tls://127.0.0.1:<port>}. */
    public String commAddress() {
        return "tls://127.0.0.1:" + commPort;
    }

    /** Where its HTTP API lives: the root plus the cluster's prefix (what the operator's client is given). */
    public URI httpAddress() {
        return URI.create(httpRoot() + prefix);
    }

    /** The HTTP server without the prefix: the operator's {@code scheduler-url}, to which it adds the prefix. */
    public String httpRoot() {
        return "http://127.0.0.1:" + httpPort;
    }

    /**
     * Credentials from the operator's issuer for every process, as the worker image sets them: a
     * scheduler that only speaks TLS and requires the certificate, and clients that present it.
     */
    private static Map<String, String> tls(String cluster) {
        ClusterCredentials credentials = ClusterCertificateIssuer.issue(cluster, Instant.now());
        try {
            Path dir = Files.createDirectories(TLS).resolve(cluster + "-" + UUID.randomUUID());
            Files.createDirectories(dir);
            String cert = Files.writeString(dir.resolve("tls.crt"), credentials.certificatePem()).toAbsolutePath()
                    .toString();
            String key = Files.writeString(dir.resolve("tls.key"), credentials.privateKeyPem()).toAbsolutePath()
                    .toString();
            Map<String, String> env = new HashMap<>();
            env.put("DASK_DISTRIBUTED__COMM__REQUIRE_ENCRYPTION", "True");
            env.put("DASK_DISTRIBUTED__COMM__TLS__CA_FILE", cert);
            for (String side : List.of("SCHEDULER", "WORKER", "CLIENT")) {
                env.put("DASK_DISTRIBUTED__COMM__TLS__" + side + "__CERT", cert);
                env.put("DASK_DISTRIBUTED__COMM__TLS__" + side + "__KEY", key);
            }
            return Map.copyOf(env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(args);
        try {
            Files.createDirectories(LOGS);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(LOGS.resolve(name + ".log").toFile());
            builder.environment().put("DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES", SchedulerApi.HTTP_ROUTES);
            builder.environment().putAll(tlsEnvironment);
            Process process = builder.start();
            processes.add(process);
            byName.put(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command + " (set -Dtessera.python to a python with "
                    + "distributed installed; ./tessera test does)", e);
        }
    }

    /** Stops one worker or client, e.g. a load client whose work is done. */
    public void stop(String name) throws InterruptedException {
        Process process = byName.remove(name);
        if (process != null) {
            processes.remove(process);
            stop(List.of(process));
        }
    }

    /** Stops every worker and client started so far, keeping the scheduler (the first process started). */
    public void stopWorkersAndClients() throws InterruptedException {
        if (processes.size() > 1) {
            List<Process> others = new ArrayList<>(processes.subList(1, processes.size()));
            processes.subList(1, processes.size()).clear();
            byName.values().retainAll(processes);
            stop(others);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(processes);
        processes.clear();
    }

    private static void stop(List<Process> processes) throws InterruptedException {
        // Workers first, then the scheduler; children too (a worker's nanny forks the worker).
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).descendants().forEach(ProcessHandle::destroy);
            processes.get(i).destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

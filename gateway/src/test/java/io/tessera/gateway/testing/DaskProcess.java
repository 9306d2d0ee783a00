package io.tessera.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Dask scheduler or worker from the Python that {@code -Dtessera.python} names
 * (e2e-tests/python/ensure-venv.sh): with TLS required both ways (the cluster's one certificate as
 * CA, server and client certificate, as the operator runs them), or a scheduler serving its
 * dashboard under {@code /clusters/<name>/} as the operator's scheduler pods do. Output goes to a
 * log file.
 */
public final class DaskProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private DaskProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** A scheduler on 127.0.0.1 and a free port, ready when this returns. */
    public static DaskProcess scheduler(DaskCredentials credentials, int port, Path log) {
        DaskProcess scheduler = start(List.of("-m", "distributed.cli.dask_scheduler", "--protocol", "tls",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--no-dashboard"), credentials, log);
        scheduler.awaitListening(port);
        return scheduler;
    }

    /** One single-threaded worker of the scheduler at {@code port}. */
    public static DaskProcess worker(DaskCredentials credentials, int port, Path log) {
        return start(List.of("-m", "distributed.cli.dask_worker", "tls://127.0.0.1:" + port, "--nthreads", "1",
                "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"), credentials, log);
    }

    /**
     * A scheduler on plain TCP whose HTTP server (dashboard, API, health) is under
     * {@code /clusters/<name>/} on {@code httpPort}, ready when its health answers.
     */
    public static DaskProcess dashboardScheduler(String name, int httpPort, int commPort, Path log) {
        String prefix = "/clusters/" + name + "/";
        DaskProcess scheduler = start(List.of("-m", "distributed.cli.dask_scheduler", "--dashboard-prefix", prefix,
                "--dashboard-address", "127.0.0.1:" + httpPort, "--host", "127.0.0.1", "--port",
                String.valueOf(commPort), "--no-show"), Map.of("DASK_DISTRIBUTED__SCHEDULER__IDLE_TIMEOUT", "10 minutes"),
                log);
        scheduler.awaitHealthy(URI.create("http://127.0.0.1:" + httpPort + prefix + "health"));
        return scheduler;
    }

    private static DaskProcess start(List<String> args, DaskCredentials credentials, Path log) {
        Map<String, String> env = new HashMap<>();
        env.put("DASK_DISTRIBUTED__COMM__REQUIRE_ENCRYPTION", "True");
        env.put("DASK_DISTRIBUTED__COMM__TLS__CA_FILE", credentials.cert().toString());
        for (String role : List.of("SCHEDULER", "WORKER", "CLIENT")) {
            env.put("DASK_DISTRIBUTED__COMM__TLS__" + role + "__CERT", credentials.cert().toString());
            env.put("DASK_DISTRIBUTED__COMM__TLS__" + role + "__KEY", credentials.key().toString());
        }
        return start(args, env, log);
    }

    private static DaskProcess start(List<String> args, Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>(List.of(LocalKubernetes.python()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return new DaskProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(int port) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Dask scheduler exited: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IllegalStateException("the Dask scheduler did not listen on " + port + " within 60 s: " + log());
    }

    private void awaitHealthy(URI health) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Dask scheduler exited: " + log());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) health.toURL().openConnection();
                connection.setConnectTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep();
        }
        throw new IllegalStateException("the Dask scheduler did not answer " + health + " within 90 s: " + log());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
    }
}

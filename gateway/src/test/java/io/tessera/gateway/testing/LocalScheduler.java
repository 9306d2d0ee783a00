package io.tessera.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Dask scheduler from the project's venv (-Dtessera.python), serving its dashboard under
 * {@code /clusters/<name>/} on loopback as the operator's scheduler pods do (TESSERA_DASHBOARD_PREFIX).
 */
public final class LocalScheduler implements AutoCloseable {

    private final Process process;
    private final Path log;

    private LocalScheduler(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static LocalScheduler start(String name, int httpPort, int commPort) {
        try {
            Path log = Files.createTempFile("dask-scheduler-" + name, ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(LocalKubernetes.python(), "-m",
                    "distributed.cli.dask_scheduler", "--dashboard-prefix", "/clusters/" + name + "/",
                    "--dashboard-address", "127.0.0.1:" + httpPort, "--host", "127.0.0.1", "--port",
                    Integer.toString(commPort), "--no-show"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("DASK_DISTRIBUTED__SCHEDULER__IDLE_TIMEOUT", "10 minutes");
            LocalScheduler scheduler = new LocalScheduler(builder.start(), log);
            scheduler.awaitHealthy("http://127.0.0.1:" + httpPort + "/clusters/" + name + "/health");
            return scheduler;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a Dask scheduler with " + LocalKubernetes.python()
                    + " (-Dtessera.python=$(e2e-tests/python/ensure-venv.sh))", e);
        }
    }

    private void awaitHealthy(String url) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Dask scheduler exited:\n" + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setConnectTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the Dask scheduler did not answer " + url + " within 90 s:\n" + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        new File(log.toString()).delete();
    }
}

package io.tessera.operator.arraycluster.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Dask scheduler and workers as local processes (distributed from PyPI, via the python in
 * {@code -Dtessera.python}), each worker named like the pod it stands for. Logs go to
 * {@code target/dask-logs/}.
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

    private final List<Process> processes = new ArrayList<>();
    private final java.util.Map<String, Process> byName = new java.util.HashMap<>();
    private final int commPort = freePort();
    private final int httpPort = freePort();

    /** Starts the scheduler with the HTTP routes the operator enables in the scheduler pod. */
    public LocalDask startScheduler() {
        start("scheduler", List.of("-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                "--port", String.valueOf(commPort), "--dashboard-address", "127.0.0.1:" + httpPort));
        return this;
    }

    public LocalDask startWorker(String name) {
        start(name, List.of("-m", "distributed.cli.dask_worker", "tcp://127.0.0.1:" + commPort, "--name", name,
                "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard", "--memory-limit", "512MiB"));
        return this;
    }

    /** Puts the scheduler under load: a client keeping {@code tasks} one-second tasks per round in flight. */
    public LocalDask startBusyClient(String name, int tasks) {
        start(name, List.of("-c", BUSY_CLIENT.formatted(tasks), "tcp://127.0.0.1:" + commPort));
        return this;
    }

    public URI httpAddress() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    private void start(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(args);
        try {
            Files.createDirectories(LOGS);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(LOGS.resolve(name + ".log").toFile());
            builder.environment().put("DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES", SchedulerApi.HTTP_ROUTES);
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

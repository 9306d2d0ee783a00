package io.tessera.e2e.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Python with the Dask test environment (the worker image's exact packages, so a client here
 * speaks the same Dask version as the pods); {@code ./tessera test} passes its path as
 * {@code tessera.python}.
 */
public final class Python {

    private static final String PYTHON = System.getProperty("tessera.python", "python3");

    /** A started script; output (stdout and stderr together) goes to a file, never to a pipe that could fill. */
    public record Run(Process process, Path outputFile) {

        /** Waits for the end and returns the output; fails on a non-zero exit or after the timeout. */
        public String await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("python did not finish within " + timeout + ":\n" + output());
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("python failed (exit " + process.exitValue() + "):\n" + output());
                }
                return output();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } finally {
                process.destroyForcibly();
            }
        }

        public String output() {
            try {
                return Files.readString(outputFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        }
    }

    private Python() {
    }

    /** Runs the script with the arguments (its sys.argv[1:]) to the end and returns its output. */
    public static String run(Duration timeout, String script, String... args) {
        return start(script, args).await(timeout);
    }

    /** Starts the script in the background: a workload that runs while the test watches the cluster react. */
    public static Run start(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("python", ".out");
            out.toFile().deleteOnExit();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return new Run(process, out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON + " (set -Dtessera.python)", e);
        }
    }
}

package io.tessera.e2e.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the kubectl binary, as a user would, against the test cluster's KUBECONFIG. */
public final class Kubectl {

    /** Result of one kubectl invocation. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("kubectl failed (" + exitCode + "): " + stderr);
            }
            return this;
        }
    }

    private static final String KUBECTL = System.getProperty("tessera.kubectl", "kubectl");

    private Kubectl() {
    }

    public static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(KUBECTL));
        command.addAll(List.of(args));
        try {
            // Files rather than pipes: a full pipe would block kubectl while we wait for it.
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                // Beyond the longest `kubectl wait --timeout` a test passes (TIMEOUT), so that kubectl's
                // own timeout and message come first.
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl timed out: " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + KUBECTL + " (set -Dtessera.kubectl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

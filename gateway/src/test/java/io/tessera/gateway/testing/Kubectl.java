package io.tessera.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the kubectl binary as a user would, against $KUBECONFIG (the local cluster's). */
public final class Kubectl {

    /** Result of one kubectl run. */
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

    /** kubectl with {@code stdin} as its input (a manifest for {@code apply -f -}). */
    public static Result run(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(KUBECTL));
        command.addAll(List.of(args));
        try {
            // Files rather than pipes: a full pipe would block kubectl while we wait for it.
            Path in = Files.createTempFile("kubectl", ".in");
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Files.writeString(in, stdin == null ? "" : stdin);
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                                : ProcessBuilder.Redirect.from(in.toFile()))
                        .start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl timed out: " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(in);
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

package io.tessera.gateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finds the PostgreSQL server binaries: {@code pg_config --bindir}, else Debian's newest. */
final class PostgresBinaries {

    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    private PostgresBinaries() {
    }

    static Path find() {
        return find("pg_config", DEBIAN);
    }

    /** {@code pgConfig} and {@code debian} are parameters so that the failure can be tested. */
    static Path find(String pgConfig, Path debian) {
        return fromPgConfig(pgConfig).or(() -> newestDebian(debian)).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL server binaries (initdb, pg_ctl) not found: neither `" + pgConfig + " --bindir` nor "
                        + debian + "/<version>/bin has them. Install them, e.g. `apt-get install -y postgresql`."));
    }

    private static Optional<Path> fromPgConfig(String pgConfig) {
        try {
            Process process = new ProcessBuilder(pgConfig, "--bindir").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0
                    ? Optional.of(Path.of(out)).filter(PostgresBinaries::hasServer) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> newestDebian(Path debian) {
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin")).filter(PostgresBinaries::hasServer)
                    .max(Comparator.comparingInt(PostgresBinaries::major));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }
}

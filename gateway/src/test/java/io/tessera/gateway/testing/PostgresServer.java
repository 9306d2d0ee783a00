package io.tessera.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL server from the machine's own binaries: initdb into a fresh directory,
 * listening on 127.0.0.1 and a random free port only, socket in the same directory, no fsync.
 * PostgreSQL refuses to run as root, so as root every command runs as {@code nobody} in a
 * directory {@code nobody} owns.
 */
public final class PostgresServer {

    private static final String UNPRIVILEGED = "nobody";
    public static final String USER = "tessera";
    public static final String DATABASE = "tessera";

    private final Path bin;
    private final Path dir;
    private final boolean root;
    private int port;

    private PostgresServer(Path bin, Path dir, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.root = root;
    }

    /** Creates the server's directory below {@code parent}; nothing runs yet. */
    public static PostgresServer in(Path parent) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = root && !reachableByOthers(parent)
                // nobody cannot enter the build directory (e.g. below /root): use a private temp dir.
                ? Files.createTempDirectory("tessera-pg-")
                : Files.createDirectories(parent).toAbsolutePath().resolve("postgres-" + ProcessHandle.current().pid());
        Files.createDirectories(dir);
        if (root) {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, lookup.lookupPrincipalByName(UNPRIVILEGED));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return new PostgresServer(PostgresBinaries.find(), dir, root);
    }

    public void start() throws IOException, InterruptedException {
        run(List.of("initdb", "-D", data(), "-U", USER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"));
        port = freeLoopbackPort();
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        try {
            run(List.of("pg_ctl", "start", "-w", "-t", "60", "-D", data(), "-l", dir.resolve("server.log").toString(),
                    "-o", options));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\nserver log:\n" + log(), e);
        }
        run(List.of("createdb", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, DATABASE));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Stops the server (fast shutdown) and deletes its files. */
    public void stop() throws IOException, InterruptedException {
        if (Files.exists(dir.resolve("data/postmaster.pid"))) {
            run(List.of("pg_ctl", "stop", "-w", "-m", "fast", "-D", data()));
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
        }
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        Path output = Files.createTempFile("tessera-pg-cmd", ".log");
        try {
            // cwd is the server's own directory: nobody may not be able to read the caller's.
            Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in 90 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed (" + process.exitValue() + "):\n"
                        + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String log() {
        try {
            return root ? "(run as " + UNPRIVILEGED + ") " + Files.readString(dir.resolve("server.log"))
                    : Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether every directory from / down to {@code path} lets others in (x for "other"). */
    private static boolean reachableByOthers(Path path) throws IOException {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(
                    java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }
}

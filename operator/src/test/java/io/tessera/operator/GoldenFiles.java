package io.tessera.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Golden-file scenarios of the desired-state tests: each directory under a test resource root
 * holds one {@code in-<Kind>-<name>.yaml} and one {@code out-<Kind>-<name>.yaml} per derived
 * object. Run with {@code -Dtessera.golden.update=true} to rewrite the expected files after an
 * intended change, then review the diff.
 */
public final class GoldenFiles {

    private static final boolean UPDATE = Boolean.getBoolean("tessera.golden.update");

    private GoldenFiles() {
    }

    /** The scenario directories under {@code /<root>} on the test class path, sorted. */
    public static Stream<Path> scenarios(String root) throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenFiles.class.getResource("/" + root).toURI());
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    /** The scenario's input object, from its {@code <prefix>*.yaml} file. */
    public static <T> T read(Path scenario, String prefix, Class<T> type) throws IOException {
        try (Stream<Path> files = Files.list(scenario)) {
            Path in = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
            return Serialization.unmarshal(Files.readString(in), type);
        }
    }

    /** The objects as the files they are compared with, keyed by file name. */
    public static Map<String, String> render(List<HasMetadata> objects) {
        Map<String, String> files = new TreeMap<>();
        objects.forEach(o -> files.put("out-" + o.getKind() + "-" + o.getMetadata().getName() + ".yaml",
                Serialization.asYaml(o)));
        return files;
    }

    /** The scenario's expected files, keyed by file name. */
    public static Map<String, String> expected(Path scenario) {
        try (Stream<Path> files = Files.list(scenario)) {
            Map<String, String> expected = new TreeMap<>();
            for (Path file : files.filter(GoldenFiles::isOutput).toList()) {
                expected.put(file.getFileName().toString(), Files.readString(file));
            }
            return expected;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * With {@code -Dtessera.golden.update=true}, replaces the scenario's expected files by
     * {@code actual}: in the source tree (Maven runs tests in the module directory), so that the
     * update shows in git, and in the class-path copy the assertions read.
     */
    public static void updateIfAsked(String root, Path scenario, Map<String, String> actual) throws IOException {
        if (!UPDATE) {
            return;
        }
        Path source = Path.of("src/test/resources", root).resolve(scenario.getFileName().toString());
        for (Path dir : List.of(source, scenario)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path file : old.filter(GoldenFiles::isOutput).toList()) {
                    Files.delete(file);
                }
            }
            for (Map.Entry<String, String> file : actual.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
        }
    }

    private static boolean isOutput(Path file) {
        return file.getFileName().toString().startsWith("out-");
    }
}

package io.tessera.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The committed CRD YAML must be exactly what the Java model generates: the build fails on drift
 * so that nobody edits the YAML by hand or forgets to regenerate it.
 */
class CommittedCrdsTest {

    private static final String FIX = "regenerate with: mvn -pl crds process-classes -Pupdate-crds";

    private static final Path COMMITTED = Path.of(System.getProperty("tessera.crds.committed", "generated"));
    private static final Path GENERATED = Path.of(System.getProperty("tessera.crds.generated",
            "target/classes/META-INF/fabric8"));

    @Test
    void shouldCommitExactlyTheGeneratedCrdFiles() throws IOException {
        assertThat(yamlFiles(COMMITTED)).as("committed CRD files in %s; %s", COMMITTED, FIX)
                .isEqualTo(yamlFiles(GENERATED))
                .containsExactly("arrayclusters.tessera.io-v1.yml", "arrayjobs.tessera.io-v1.yml",
                        "scheduledjobs.tessera.io-v1.yml");
    }

    @Test
    void shouldMatchGeneratedCrdContent() throws IOException {
        for (String file : yamlFiles(GENERATED)) {
            List<String> committed = Files.readAllLines(COMMITTED.resolve(file));
            List<String> generated = Files.readAllLines(GENERATED.resolve(file));
            int line = firstDifference(committed, generated);
            assertThat(line).as("%s differs from what the Java model generates at line %d (committed: %s, generated: %s); %s",
                    file, line + 1, lineAt(committed, line), lineAt(generated, line), FIX).isEqualTo(-1);
        }
    }

    /** Index of the first line that differs, or -1 when both are equal. */
    private static int firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (!lineAt(a, i).equals(lineAt(b, i))) {
                return i;
            }
        }
        return -1;
    }

    private static String lineAt(List<String> lines, int index) {
        return index >= 0 && index < lines.size() ? lines.get(index) : "<end of file>";
    }

    private static Set<String> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}

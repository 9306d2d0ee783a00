package io.tessera.operator.arraycluster.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;

/**
 * Golden files for the desired state of an ArrayCluster: each directory under
 * {@code desired/} holds {@code in-ArrayCluster-<name>.yaml} and one {@code out-<Kind>-<name>.yaml}
 * per object (one worker per group, suffix {@code 0}). Run with {@code -Dtessera.golden.update=true}
 * to rewrite the expected files after an intended change, then review the diff.
 */
class DesiredStateTest {

    private static final String IMAGE = "tessera/worker:golden";
    private static final boolean UPDATE = Boolean.getBoolean("tessera.golden.update");

    static Stream<Path> scenarios() throws IOException, URISyntaxException {
        Path root = Path.of(DesiredStateTest.class.getResource("/desired").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeriveTheGoldenObjects(Path scenario) throws IOException {
        ArrayCluster cluster = Serialization.unmarshal(Files.readString(single(scenario, "in-ArrayCluster-")),
                ArrayCluster.class);

        Map<String, String> actual = render(desired(cluster));

        if (UPDATE) {
            write(scenario, actual);
        }
        assertThat(expected(scenario).keySet()).as("objects of %s", scenario.getFileName()).isEqualTo(actual.keySet());
        actual.forEach((file, yaml) -> assertThat(yaml).as("%s/%s", scenario.getFileName(), file)
                .isEqualTo(expected(scenario).get(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldBePure(Path scenario) throws IOException {
        ArrayCluster cluster = Serialization.unmarshal(Files.readString(single(scenario, "in-ArrayCluster-")),
                ArrayCluster.class);

        assertThat(render(desired(cluster))).isEqualTo(render(desired(cluster)));
    }

    private static List<HasMetadata> desired(ArrayCluster cluster) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(SchedulerPodFactory.desired(cluster, IMAGE));
        objects.add(SchedulerServiceFactory.desired(cluster));
        for (WorkerGroup group : WorkerGroup.of(cluster.getSpec())) {
            String pod = ClusterNames.workerPod(cluster.getMetadata().getName(), group.name(), "0");
            objects.add(WorkerPodFactory.desired(cluster, group, pod, IMAGE));
        }
        return objects;
    }

    private static Map<String, String> render(List<HasMetadata> objects) {
        Map<String, String> files = new TreeMap<>();
        objects.forEach(o -> files.put("out-" + o.getKind() + "-" + o.getMetadata().getName() + ".yaml",
                Serialization.asYaml(o)));
        return files;
    }

    private static Map<String, String> expected(Path scenario) {
        try (Stream<Path> files = Files.list(scenario)) {
            Map<String, String> expected = new TreeMap<>();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("out-")).toList()) {
                expected.put(file.getFileName().toString(), Files.readString(file));
            }
            return expected;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes into the source tree (not target/) so that the update is visible in git. */
    private static void write(Path scenario, Map<String, String> files) throws IOException {
        Path source = Path.of("src/test/resources/desired").resolve(scenario.getFileName().toString());
        for (Path old : Files.list(source).filter(f -> f.getFileName().toString().startsWith("out-")).toList()) {
            Files.delete(old);
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(source.resolve(file.getKey()), file.getValue());
            Files.writeString(scenario.resolve(file.getKey()), file.getValue());
        }
    }

    private static Path single(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }
}

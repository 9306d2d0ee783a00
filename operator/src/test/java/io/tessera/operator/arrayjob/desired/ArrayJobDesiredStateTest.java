package io.tessera.operator.arrayjob.desired;

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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;

/**
 * Golden files for what an ArrayJob becomes: each directory under {@code arrayjob-desired/} holds
 * {@code in-ArrayJob-<name>.yaml} and one {@code out-<Kind>-<name>.yaml} per object (the cluster,
 * the runner Job as created, suspended, and an inline script's ConfigMap). Run with
 * {@code -Dtessera.golden.update=true} to rewrite them after an intended change, then review the diff.
 */
class ArrayJobDesiredStateTest {

    private static final String IMAGE = "tessera/worker:golden";
    private static final boolean UPDATE = Boolean.getBoolean("tessera.golden.update");

    static Stream<Path> scenarios() throws IOException, URISyntaxException {
        Path root = Path.of(ArrayJobDesiredStateTest.class.getResource("/arrayjob-desired").toURI());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeriveTheGoldenObjects(Path scenario) throws IOException {
        Map<String, String> actual = render(desired(read(scenario)));

        if (UPDATE) {
            for (Map.Entry<String, String> file : actual.entrySet()) {
                // The source tree (Maven runs tests in the module directory), not the copy on the class path.
                Path source = Path.of("src/test/resources/arrayjob-desired").resolve(scenario.getFileName().toString());
                Files.writeString(source.resolve(file.getKey()), file.getValue());
                Files.writeString(scenario.resolve(file.getKey()), file.getValue());
            }
        }
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(scenario)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("out-")).toList()) {
                expected.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldKeepClusterNamesWithinTheLimitAndDistinct() {
        String a = "x".repeat(60) + "a";
        String b = "x".repeat(60) + "b";

        assertThat(ArrayJobNames.cluster("nightly")).isEqualTo("nightly-dask");
        assertThat(ArrayJobNames.cluster(a)).hasSize(51).endsWith("-dask").isNotEqualTo(ArrayJobNames.cluster(b));
        assertThat(ArrayJobNames.cluster("x".repeat(46))).isEqualTo("x".repeat(46) + "-dask");
    }

    private static ArrayJob read(Path scenario) throws IOException {
        try (Stream<Path> files = Files.list(scenario)) {
            Path in = files.filter(f -> f.getFileName().toString().startsWith("in-ArrayJob-")).findFirst().orElseThrow();
            return Serialization.unmarshal(Files.readString(in), ArrayJob.class);
        }
    }

    private static List<HasMetadata> desired(ArrayJob run) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(EphemeralClusterFactory.desired(run));
        RunMetadata metadata = new RunMetadata("tcp://" + ArrayJobNames.cluster(run.getMetadata().getName())
                + "-scheduler." + run.getMetadata().getNamespace() + ".svc:8786", "2026-03-01T03:00:00+01:00", "Schedule");
        objects.add(RunnerJobFactory.desired(run, metadata, IMAGE, true));
        ScriptConfigMapFactory.desired(run).ifPresent(objects::add);
        return objects;
    }

    private static Map<String, String> render(List<HasMetadata> objects) {
        Map<String, String> files = new TreeMap<>();
        objects.forEach(o -> files.put("out-" + o.getKind() + "-" + o.getMetadata().getName() + ".yaml",
                Serialization.asYaml(o)));
        return files;
    }
}

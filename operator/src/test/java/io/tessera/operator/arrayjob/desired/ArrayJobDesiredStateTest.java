package io.tessera.operator.arrayjob.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.operator.GoldenFiles;
import io.tessera.operator.arraycluster.desired.PodSecurity;
import io.tessera.operator.environment.EnvironmentContent;
import io.tessera.operator.environment.EnvironmentMount;

/**
 * Golden files for what an ArrayJob becomes: each directory under {@code arrayjob-desired/} holds
 * {@code in-ArrayJob-<name>.yaml} and one {@code out-<Kind>-<name>.yaml} per object (the cluster,
 * the runner Job as created, suspended, and an inline script's ConfigMap). Run with
 * {@code -Dtessera.golden.update=true} to rewrite them after an intended change, then review the diff.
 */
class ArrayJobDesiredStateTest {

    private static final String ROOT = "arrayjob-desired";
    private static final String IMAGE = "tessera/worker:golden";

    static Stream<Path> scenarios() throws IOException, URISyntaxException {
        return GoldenFiles.scenarios(ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeriveTheGoldenObjects(Path scenario) throws IOException {
        Map<String, String> actual = GoldenFiles.render(desired(GoldenFiles.read(scenario, "in-ArrayJob-", ArrayJob.class)));

        GoldenFiles.updateIfAsked(ROOT, scenario, actual);
        assertThat(actual).isEqualTo(GoldenFiles.expected(scenario));
    }

    @Test
    void shouldKeepClusterNamesWithinTheLimitAndDistinct() {
        String a = "x".repeat(60) + "a";
        String b = "x".repeat(60) + "b";

        assertThat(ArrayJobNames.cluster("nightly")).isEqualTo("nightly-dask");
        assertThat(ArrayJobNames.cluster(a)).hasSize(51).endsWith("-dask").isNotEqualTo(ArrayJobNames.cluster(b));
        assertThat(ArrayJobNames.cluster("x".repeat(46))).isEqualTo("x".repeat(46) + "-dask");
    }

    private static List<HasMetadata> desired(ArrayJob run) {
        List<HasMetadata> objects = new ArrayList<>();
        var cluster = EphemeralClusterFactory.desired(run);
        objects.add(cluster);
        // The runner mounts what its cluster built (the reconciler resolves the same content).
        Optional<EnvironmentMount> environment = Optional.ofNullable(cluster.getSpec().getEnvironment())
                .filter(EnvironmentContent::requested).map(spec -> EnvironmentMount.of(EnvironmentContent.ofLists(spec,
                        Optional.ofNullable(cluster.getSpec().getImage()).orElse(IMAGE))));
        RunMetadata metadata = new RunMetadata("tls://" + ArrayJobNames.cluster(run.getMetadata().getName())
                + "-scheduler." + run.getMetadata().getNamespace() + ".svc:8786", "2026-03-01T03:00:00+01:00", "Schedule");
        objects.add(RunnerJobFactory.desired(run, metadata, IMAGE, PodSecurity.RESTRICTED, List.of("registry-mirror"),
                environment, true));
        ScriptConfigMapFactory.desired(run).ifPresent(objects::add);
        return objects;
    }
}

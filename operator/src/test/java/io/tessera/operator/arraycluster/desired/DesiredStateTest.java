package io.tessera.operator.arraycluster.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.GoldenFiles;

/**
 * Golden files for the desired state of an ArrayCluster ({@link GoldenFiles}): each directory under
 * {@code desired/} holds {@code in-ArrayCluster-<name>.yaml} and one {@code out-<Kind>-<name>.yaml}
 * per object (one worker per group, suffix {@code 0}).
 */
class DesiredStateTest {

    private static final String ROOT = "desired";
    private static final String IMAGE = "tessera/worker:golden";
    /** The operator's image pull secrets (tessera.operator.image-pull-secrets) in every scenario. */
    private static final List<String> PULL_SECRETS = List.of("registry-mirror");

    static Stream<Path> scenarios() throws IOException, URISyntaxException {
        return GoldenFiles.scenarios(ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeriveTheGoldenObjects(Path scenario) throws IOException {
        ArrayCluster cluster = GoldenFiles.read(scenario, "in-ArrayCluster-", ArrayCluster.class);

        Map<String, String> actual = GoldenFiles.render(desired(cluster));

        GoldenFiles.updateIfAsked(ROOT, scenario, actual);
        Map<String, String> expected = GoldenFiles.expected(scenario);
        assertThat(expected.keySet()).as("objects of %s", scenario.getFileName()).isEqualTo(actual.keySet());
        actual.forEach((file, yaml) -> assertThat(yaml).as("%s/%s", scenario.getFileName(), file)
                .isEqualTo(expected.get(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldBePure(Path scenario) throws IOException {
        ArrayCluster cluster = GoldenFiles.read(scenario, "in-ArrayCluster-", ArrayCluster.class);

        assertThat(GoldenFiles.render(desired(cluster))).isEqualTo(GoldenFiles.render(desired(cluster)));
    }

    private static List<HasMetadata> desired(ArrayCluster cluster) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(SchedulerPodFactory.desired(cluster, IMAGE, PodSecurity.RESTRICTED, PULL_SECRETS));
        objects.add(SchedulerServiceFactory.desired(cluster));
        for (WorkerGroup group : WorkerGroup.of(cluster.getSpec())) {
            String pod = ClusterNames.workerPod(cluster.getMetadata().getName(), group.name(), "0");
            objects.add(WorkerPodFactory.desired(cluster, group, pod, IMAGE, PodSecurity.RESTRICTED, PULL_SECRETS));
        }
        return objects;
    }
}

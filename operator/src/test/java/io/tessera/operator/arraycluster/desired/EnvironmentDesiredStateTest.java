package io.tessera.operator.arraycluster.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.common.ConfigMapKeyRef;
import io.tessera.operator.GoldenFiles;
import io.tessera.operator.environment.EnvironmentContent;
import io.tessera.operator.environment.EnvironmentMount;
import io.tessera.operator.environment.EnvironmentSettings;

/**
 * Golden files for what {@code spec.environment} adds ({@link GoldenFiles}): each directory under
 * {@code environment-desired/} holds {@code in-ArrayCluster-<name>.yaml} (and the lockfile's
 * {@code in-ConfigMap-<name>.yaml}); out: the namespace's cache claim, the environment's ConfigMap
 * and build Job, and the scheduler and worker pods that mount it.
 */
class EnvironmentDesiredStateTest {

    private static final String ROOT = "environment-desired";
    private static final String IMAGE = "tessera/worker:golden";
    private static final List<String> PULL_SECRETS = List.of("registry-mirror");
    /** Scenarios with operator settings other than the defaults. */
    private static final Map<String, EnvironmentSettings> SETTINGS = Map.of("lockfile-index-settings",
            new EnvironmentSettings(Optional.of("nfs-client"), "50Gi", "ReadWriteOnce", Duration.ofMinutes(45), "2",
                    "4Gi", false, Optional.of("https://pypi.mirror.example.org/simple/"),
                    List.of("https://extra-1.example.org/simple/", "https://extra-2.example.org/simple/"),
                    Optional.of("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
                    Optional.of("http://proxy.example.org:3128"), Optional.of("http://proxy.example.org:3128"),
                    Optional.of(".svc,.cluster.local,10.0.0.0/8")));

    static Stream<Path> scenarios() throws IOException, URISyntaxException {
        return GoldenFiles.scenarios(ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeriveTheGoldenObjects(Path scenario) throws IOException {
        Map<String, String> actual = GoldenFiles.render(desired(scenario));

        GoldenFiles.updateIfAsked(ROOT, scenario, actual);
        assertThat(actual).isEqualTo(GoldenFiles.expected(scenario));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldBePure(Path scenario) throws IOException {
        assertThat(GoldenFiles.render(desired(scenario))).isEqualTo(GoldenFiles.render(desired(scenario)));
    }

    private static List<HasMetadata> desired(Path scenario) throws IOException {
        ArrayCluster cluster = GoldenFiles.read(scenario, "in-ArrayCluster-", ArrayCluster.class);
        EnvironmentSettings settings = SETTINGS.getOrDefault(scenario.getFileName().toString(),
                EnvironmentSettings.defaults());
        String namespace = cluster.getMetadata().getNamespace();
        Optional<String> group = Optional.ofNullable(cluster.getMetadata().getLabels())
                .map(l -> l.get(Constants.LABEL_GROUP));
        EnvironmentContent content = content(scenario, cluster);
        Optional<EnvironmentMount> mount = Optional.of(EnvironmentMount.of(content));
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(EnvironmentCacheClaimFactory.desired(namespace, group, settings));
        objects.add(EnvironmentConfigMapFactory.desired(namespace, content, group, settings));
        objects.add(EnvironmentBuildJobFactory.desired(namespace, content, group, settings, PodSecurity.RESTRICTED,
                PULL_SECRETS));
        objects.add(SchedulerPodFactory.desired(cluster, IMAGE, PodSecurity.RESTRICTED, PULL_SECRETS, mount));
        WorkerGroup group0 = WorkerGroup.of(cluster.getSpec()).get(0);
        objects.add(WorkerPodFactory.desired(cluster, group0, ClusterNames.workerPod(cluster.getMetadata().getName(),
                group0.name(), "0"), IMAGE, PodSecurity.RESTRICTED, PULL_SECRETS, mount));
        return objects;
    }

    /** The content as the resolver makes it, the lockfile's text from the scenario's ConfigMap. */
    private static EnvironmentContent content(Path scenario, ArrayCluster cluster) throws IOException {
        String image = Optional.ofNullable(cluster.getSpec().getImage()).orElse(IMAGE);
        ConfigMapKeyRef ref = cluster.getSpec().getEnvironment().getLockfile();
        if (ref == null) {
            return EnvironmentContent.ofLists(cluster.getSpec().getEnvironment(), image);
        }
        boolean hasConfigMap;
        try (Stream<Path> files = Files.list(scenario)) {
            hasConfigMap = files.anyMatch(f -> f.getFileName().toString().startsWith("in-ConfigMap-"));
        }
        assertThat(hasConfigMap).as("scenario %s needs its lockfile ConfigMap", scenario.getFileName()).isTrue();
        ConfigMap lockfile = GoldenFiles.read(scenario, "in-ConfigMap-", ConfigMap.class);
        return EnvironmentContent.ofLockfile(image, new EnvironmentContent.Lockfile(ref.getName(), ref.getKey(),
                lockfile.getData().get(ref.getKey())));
    }
}

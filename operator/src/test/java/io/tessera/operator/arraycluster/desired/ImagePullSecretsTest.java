package io.tessera.operator.arraycluster.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobBuilder;
import io.tessera.operator.arrayjob.desired.RunMetadata;
import io.tessera.operator.arrayjob.desired.RunnerJobFactory;

/** The operator's image pull secrets on every pod it makes, after the ones the pod template names. */
class ImagePullSecretsTest {

    private static final List<String> OPERATOR = List.of("registry-mirror");

    @Test
    void shouldAddTheOperatorsSecretsToSchedulerWorkerAndRunner() {
        ArrayCluster cluster = cluster();
        WorkerGroup group = WorkerGroup.of(cluster.getSpec()).get(0);

        assertThat(names(SchedulerPodFactory.desired(cluster, "img", PodSecurity.RESTRICTED, OPERATOR).getSpec()))
                .containsExactly("registry-mirror");
        assertThat(names(WorkerPodFactory.desired(cluster, group, "demo-default-x", "img", PodSecurity.RESTRICTED,
                OPERATOR).getSpec())).containsExactly("registry-mirror");
        assertThat(names(RunnerJobFactory.desired(run(), new RunMetadata("tls://x:8786", "2026-03-01T03:00:00Z",
                RunMetadata.DIRECT), "img", PodSecurity.RESTRICTED, OPERATOR, true).getSpec().getTemplate().getSpec()))
                .containsExactly("registry-mirror");
    }

    @Test
    void shouldKeepTheTemplatesSecretsFirstAndNameEachOnce() {
        PodSpec template = new PodSpecBuilder().addNewImagePullSecret("team-registry")
                .addNewImagePullSecret("registry-mirror").build();

        assertThat(names(ImagePullSecrets.merge(template, List.of("registry-mirror", "second-mirror"))))
                .containsExactly("team-registry", "registry-mirror", "second-mirror");
        assertThat(names(template)).as("the argument is unchanged").containsExactly("team-registry", "registry-mirror");
    }

    @Test
    void shouldMergeWithTheWorkerTemplate() {
        ArrayCluster cluster = new ArrayClusterBuilder(cluster()).editSpec().editOrNewWorker()
                .withTemplate(new PodTemplateSpecBuilder().withNewSpec().addNewImagePullSecret("team-registry")
                        .endSpec().build())
                .endWorker().endSpec().build();
        WorkerGroup group = WorkerGroup.of(cluster.getSpec()).get(0);

        assertThat(names(WorkerPodFactory.desired(cluster, group, "demo-default-x", "img", PodSecurity.NONE, OPERATOR)
                .getSpec())).containsExactly("team-registry", "registry-mirror");
    }

    @Test
    void shouldAddNothingWithoutTheSetting() {
        ArrayCluster cluster = cluster();

        assertThat(SchedulerPodFactory.desired(cluster, "img", PodSecurity.RESTRICTED).getSpec().getImagePullSecrets())
                .isNullOrEmpty();
    }

    private static List<String> names(PodSpec spec) {
        return spec.getImagePullSecrets().stream().map(LocalObjectReference::getName).toList();
    }

    private static ArrayCluster cluster() {
        return new ArrayClusterBuilder().withNewMetadata().withName("demo").withNamespace("ocean")
                .withUid("00000000-0000-0000-0000-000000000001").endMetadata()
                .withNewSpec().withNewWorker().withReplicas(1).endWorker().endSpec().build();
    }

    private static ArrayJob run() {
        return new ArrayJobBuilder().withNewMetadata().withName("nightly").withNamespace("ocean")
                .withUid("00000000-0000-0000-0000-000000000002").endMetadata()
                .withNewSpec().withNewRunner().withCommand("python", "-c", "pass").endRunner().endSpec().build();
    }
}

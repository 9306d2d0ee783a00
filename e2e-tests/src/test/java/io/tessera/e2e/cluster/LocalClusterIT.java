package io.tessera.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.e2e.support.ClusterNamespace;

/**
 * The local control plane is a real one: the controller-manager garbage-collects owned objects and
 * runs Jobs, the scheduler binds pods to the simulated nodes, and kwok moves pods through their
 * lifecycle. Later tests rely on each of these.
 */
class LocalClusterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final ClusterNamespace CLUSTER = new ClusterNamespace("local-cluster");

    @Test
    void shouldReportTheBuiltKubernetesVersion() {
        assertThat(CLUSTER.client().getKubernetesVersion().getGitVersion()).startsWith("v1.35.");
    }

    @Test
    void shouldOfferSimulatedNodesWithCpuMemoryAndGpus() {
        List<Node> nodes = CLUSTER.client().nodes().list().getItems();
        assertThat(nodes).isNotEmpty().allSatisfy(node -> assertThat(node.getStatus().getConditions())
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        assertThat(nodes).anySatisfy(node -> assertThat(node.getStatus().getAllocatable().get("nvidia.com/gpu"))
                .isNotNull().satisfies(q -> assertThat(q.getNumericalAmount().intValue()).isPositive()));
    }

    @Test
    void shouldGarbageCollectObjectsWhenTheirOwnerIsDeleted() {
        ConfigMap owner = CLUSTER.client().resource(new ConfigMapBuilder().withNewMetadata().withName("owner")
                .withNamespace(CLUSTER.namespace()).endMetadata().build()).create();
        CLUSTER.client().resource(new ConfigMapBuilder().withNewMetadata().withName("owned").withNamespace(CLUSTER.namespace())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                        .withName("owner").withUid(owner.getMetadata().getUid()).withController(true).build())
                .endMetadata().build()).create();

        CLUSTER.client().resource(owner).delete();

        await().atMost(TIMEOUT).until(() -> CLUSTER.client().configMaps().inNamespace(CLUSTER.namespace()).withName("owned").get() == null);
    }

    @Test
    void shouldScheduleRunAndCollectPodsOwnedByAnArrayCluster() {
        ArrayCluster cluster = CLUSTER.client().resource(new ArrayClusterBuilder().withNewMetadata().withName("owner")
                .withNamespace(CLUSTER.namespace()).endMetadata().withNewSpec().endSpec().build()).create();
        CLUSTER.client().resource(new PodBuilder().withNewMetadata().withName("owner-scheduler").withNamespace(CLUSTER.namespace())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(cluster.getApiVersion())
                        .withKind(cluster.getKind()).withName("owner").withUid(cluster.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata().withNewSpec().addNewContainer().withName("scheduler").withImage("example/dask:1")
                .withNewResources().addToRequests("cpu", new Quantity("1")).addToRequests("nvidia.com/gpu", new Quantity("1"))
                .addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().endContainer()
                .endSpec().build()).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Pod pod = CLUSTER.client().pods().inNamespace(CLUSTER.namespace()).withName("owner-scheduler").get();
            assertThat(pod.getSpec().getNodeName()).as("bound by kube-scheduler to a GPU node").startsWith("kwok-gpu-");
            assertThat(pod.getStatus().getPhase()).as("started by kwok").isEqualTo("Running");
        });

        CLUSTER.client().resource(cluster).delete();

        await().atMost(TIMEOUT).until(() -> CLUSTER.client().pods().inNamespace(CLUSTER.namespace()).withName("owner-scheduler").get() == null);
    }

    @Test
    void shouldRunJobsToCompletion() {
        CLUSTER.client().resource(new JobBuilder().withNewMetadata().withName("runner").withNamespace(CLUSTER.namespace()).endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("runner").withImage("example/runner:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Job job = CLUSTER.client().batch().v1().jobs().inNamespace(CLUSTER.namespace()).withName("runner").get();
            assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
            assertThat(job.getStatus().getConditions()).anyMatch(c -> "Complete".equals(c.getType()));
        });
    }
}

package io.tessera.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.e2e.support.TestCluster;

/**
 * The local control plane is a real one: the controller-manager garbage-collects owned objects and
 * runs Jobs, the scheduler binds pods to the simulated nodes, and kwok moves pods through their
 * lifecycle. Later tests rely on each of these.
 */
class LocalClusterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void connect() {
        client = TestCluster.connect();
        TestCluster.installApi(client);
        namespace = TestCluster.createNamespace(client, "local-cluster");
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.namespaces().withName(namespace).delete();
            client.close();
        }
    }

    @Test
    void shouldReportTheBuiltKubernetesVersion() {
        assertThat(client.getKubernetesVersion().getGitVersion()).startsWith("v1.35.");
    }

    @Test
    void shouldOfferSimulatedNodesWithCpuMemoryAndGpus() {
        List<Node> nodes = client.nodes().list().getItems();
        assertThat(nodes).isNotEmpty().allSatisfy(node -> assertThat(node.getStatus().getConditions())
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        assertThat(nodes).anySatisfy(node -> assertThat(node.getStatus().getAllocatable().get("nvidia.com/gpu"))
                .isNotNull().satisfies(q -> assertThat(q.getNumericalAmount().intValue()).isPositive()));
    }

    @Test
    void shouldGarbageCollectObjectsWhenTheirOwnerIsDeleted() {
        ConfigMap owner = client.resource(new ConfigMapBuilder().withNewMetadata().withName("owner")
                .withNamespace(namespace).endMetadata().build()).create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("owned").withNamespace(namespace)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
                        .withName("owner").withUid(owner.getMetadata().getUid()).withController(true).build())
                .endMetadata().build()).create();

        client.resource(owner).delete();

        await().atMost(TIMEOUT).until(() -> client.configMaps().inNamespace(namespace).withName("owned").get() == null);
    }

    @Test
    void shouldScheduleRunAndCollectPodsOwnedByAnArrayCluster() {
        ArrayCluster cluster = client.resource(new ArrayClusterBuilder().withNewMetadata().withName("owner")
                .withNamespace(namespace).endMetadata().withNewSpec().endSpec().build()).create();
        client.resource(new PodBuilder().withNewMetadata().withName("owner-scheduler").withNamespace(namespace)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(cluster.getApiVersion())
                        .withKind(cluster.getKind()).withName("owner").withUid(cluster.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata().withNewSpec().addNewContainer().withName("scheduler").withImage("example/dask:1")
                .withNewResources().addToRequests("cpu", new Quantity("1")).addToRequests("nvidia.com/gpu", new Quantity("1"))
                .addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().endContainer()
                .endSpec().build()).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(namespace).withName("owner-scheduler").get();
            assertThat(pod.getSpec().getNodeName()).as("bound by kube-scheduler to a GPU node").startsWith("kwok-gpu-");
            assertThat(pod.getStatus().getPhase()).as("started by kwok").isEqualTo("Running");
        });

        client.resource(cluster).delete();

        await().atMost(TIMEOUT).until(() -> client.pods().inNamespace(namespace).withName("owner-scheduler").get() == null);
    }

    @Test
    void shouldRunJobsToCompletion() {
        client.resource(new JobBuilder().withNewMetadata().withName("runner").withNamespace(namespace).endMetadata()
                .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("runner").withImage("example/runner:1").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Job job = client.batch().v1().jobs().inNamespace(namespace).withName("runner").get();
            assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
            assertThat(job.getStatus().getConditions()).anyMatch(c -> "Complete".equals(c.getType()));
        });
    }
}

package io.tessera.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.e2e.support.Kubectl;
import io.tessera.e2e.support.Kubectl.Result;
import io.tessera.e2e.support.ClusterNamespace;

/** What a platform team sees with kubectl: explain, scale, get columns, and the group label policy. */
class KubectlIT {

    @RegisterExtension
    static final ClusterNamespace CLUSTER = new ClusterNamespace("kubectl");

    @Test
    void shouldExplainFieldsWithTheirDescriptions() {
        assertThat(Kubectl.run("explain", "arraycluster.spec.worker.maxReplicas").assertSuccess().stdout())
                .contains("Upper bound for the number of workers");
        assertThat(Kubectl.run("explain", "ac.spec.idle.action").assertSuccess().stdout())
                .contains("ScaleToZero");
        assertThat(Kubectl.run("explain", "scheduledjob.spec.concurrencyPolicy").assertSuccess().stdout())
                .contains("Forbid");
        assertThat(Kubectl.run("explain", "arrayjob.spec.cluster.worker.replicas").assertSuccess().stdout())
                .contains("Number of workers wanted");
    }

    @Test
    void shouldScaleThePrimaryWorkerGroupThroughTheScaleSubresource() {
        create("scalable", 2, 10);

        Kubectl.run("scale", "-n", CLUSTER.namespace(), "arraycluster/scalable", "--replicas=5").assertSuccess();

        assertThat(cluster("scalable").getSpec().getWorker().getReplicas()).isEqualTo(5);
        Result beyondMax = Kubectl.run("scale", "-n", CLUSTER.namespace(), "ac/scalable", "--replicas=11");
        assertThat(beyondMax.exitCode()).isNotZero();
        assertThat(beyondMax.stderr()).contains("replicas must be less than or equal to maxReplicas");
        assertThat(cluster("scalable").getSpec().getWorker().getReplicas()).isEqualTo(5);
    }

    @Test
    void shouldOfferScaleOnlyOnArrayClusters() {
        assertThat(CLUSTER.client().getApiResources("tessera.io/v1alpha1").getResources())
                .extracting(r -> r.getName())
                .contains("arrayclusters/scale", "arrayclusters/status", "arrayjobs/status", "scheduledjobs/status")
                .doesNotContain("arrayjobs/scale", "scheduledjobs/scale");
    }

    @Test
    void shouldShowPrinterColumns() {
        create("columns", 1, 4);

        String table = Kubectl.run("get", "ac", "-n", CLUSTER.namespace()).assertSuccess().stdout();
        assertThat(table.lines().findFirst().orElseThrow().split("\\s+"))
                .contains("NAME", "PHASE", "READY", "DESIRED", "MIN", "MAX", "CPU", "MEMORY", "GROUP", "AGE");
        assertThat(table).containsPattern("columns\\s+.*physics\\s+4\\s+1");

        String wide = Kubectl.run("get", "ac", "-n", CLUSTER.namespace(), "-o", "wide").assertSuccess().stdout();
        assertThat(wide.lines().findFirst().orElseThrow().split("\\s+")).contains("GPU", "ADDRESS", "IDLE");
        assertThat(Kubectl.run("get", "tessera", "-n", CLUSTER.namespace()).assertSuccess().stdout()).contains("columns");
    }

    @Test
    void shouldKeepTheGroupLabelImmutable() {
        create("grouped", 1, 2);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Result relabel = Kubectl.run("label", "-n", CLUSTER.namespace(), "ac/grouped", "tessera.io/group=chemistry",
                    "--overwrite");
            assertThat(relabel.exitCode()).isNotZero();
            assertThat(relabel.stderr()).contains("the label tessera.io/group is immutable");
        });
        Result unlabel = Kubectl.run("label", "-n", CLUSTER.namespace(), "ac/grouped", "tessera.io/group-");
        assertThat(unlabel.exitCode()).isNotZero();
        assertThat(cluster("grouped").getMetadata().getLabels()).containsEntry("tessera.io/group", "physics");
        Kubectl.run("label", "-n", CLUSTER.namespace(), "ac/grouped", "team=a").assertSuccess();
    }

    private static void create(String name, int minReplicas, int maxReplicas) {
        CLUSTER.client().resource(new ArrayClusterBuilder().withNewMetadata().withName(name).withNamespace(CLUSTER.namespace())
                .addToLabels("tessera.io/group", "physics").endMetadata()
                .withNewSpec().withNewWorker().withMinReplicas(minReplicas).withMaxReplicas(maxReplicas)
                .withReplicas(minReplicas).endWorker().endSpec().build()).create();
    }

    private static ArrayCluster cluster(String name) {
        return CLUSTER.client().resources(ArrayCluster.class).inNamespace(CLUSTER.namespace()).withName(name).get();
    }
}

package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.operator.common.Conditions;

/**
 * The operator running in-process against the local control plane (KUBECONFIG), with kwok
 * playing the pods: create to Ready, scale up through the scale subresource, replace a deleted
 * worker, suspend and resume, and never remove running workers without the scheduler.
 */
@QuarkusTest
class ArrayClusterReconcilerIT extends OperatorIT {

    @Override
    String namespacePrefix() {
        return "operator";
    }

    @Test
    void shouldBringAClusterToReadyScaleItAndReplaceLostWorkers() {
        create("demo", 2);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            ArrayCluster cluster = cluster("demo");
            assertThat(cluster.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(cluster.getStatus().getConditions(), "Ready")).isTrue();
            assertThat(cluster.getStatus().getReadyWorkers()).isEqualTo(2);
        });
        assertThat(client.services().inNamespace(namespace).withName("demo-scheduler").get()).isNotNull();
        assertThat(workers()).hasSize(2).allSatisfy(pod -> assertThat(pod.getMetadata().getOwnerReferences())
                .singleElement().satisfies(ref -> assertThat(ref.getController()).isTrue()));

        client.resources(ArrayCluster.class).inNamespace(namespace).withName("demo").scale(4);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(workers()).hasSize(4);
            assertThat(cluster("demo").getStatus().getReplicas()).isEqualTo(4);
            assertThat(cluster("demo").getStatus().getPhase()).isEqualTo(ArrayClusterPhase.Running);
        });
        // No duplicates from a stale cache: the count stays exact while events settle.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(workers()).hasSize(4));

        Pod lost = workers().get(0);
        client.resource(lost).withGracePeriod(0).delete();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(workers()).hasSize(4)
                .noneMatch(p -> p.getMetadata().getName().equals(lost.getMetadata().getName())));
    }

    @Test
    void shouldNeverKillRunningWorkersWhenTheSchedulerCannotBeReached() {
        create("unreachable", 2);
        // Both workers Running in the operator's view: a Pending worker is removed without asking
        // the scheduler, which is not what this test is about.
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(cluster("unreachable").getStatus().getReadyWorkers())
                .isEqualTo(2));

        patchSpec("unreachable", "{\"worker\":{\"replicas\":1}}");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("unreachable", "AutoscalerHealthy")).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("SchedulerUnreachable");
            });
        });
        assertThat(workers()).hasSize(2);
    }

    @Test
    void shouldRemovePodsWhileSuspendedAndBringThemBack() {
        create("pausable", 1);
        await().atMost(TIMEOUT).until(() -> workers().size() == 1);

        suspend("pausable", true);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.pods().inNamespace(namespace).list().getItems()).isEmpty();
            assertThat(cluster("pausable").getStatus().getPhase()).isEqualTo(ArrayClusterPhase.Suspended);
        });

        suspend("pausable", false);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Conditions.isTrue(
                cluster("pausable").getStatus().getConditions(), "Ready")).isTrue());
    }

    private void create(String name, int replicas) {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(Constants.LABEL_GROUP, "physics").endMetadata()
                .withNewSpec().withNewWorker().withReplicas(replicas).withMinReplicas(1).withMaxReplicas(6)
                .endWorker().endSpec().build()).create();
    }

    private void suspend(String name, boolean suspend) {
        patchSpec(name, "{\"suspend\":" + suspend + "}");
    }

}

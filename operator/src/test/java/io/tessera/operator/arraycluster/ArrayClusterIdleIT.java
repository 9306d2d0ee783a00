package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arraycluster.spec.IdleAction;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;

/**
 * Idle detection against a real Dask scheduler: with no tasks for spec.idle.timeout, the idle
 * action happens; work arriving ends the idleness.
 */
@QuarkusTest
@WithTestResource(value = LocalDaskResource.class, initArgs = @ResourceArg(name = LocalDaskResource.CLUSTER,
        value = "idle"))
class ArrayClusterIdleIT extends DaskOperatorIT {

    /** Every test's cluster has this name (in its own namespace): the local scheduler serves its prefix. */
    private static final String NAME = "idle";

    @Override
    String namespacePrefix() {
        return "idle";
    }

    @Test
    void shouldRetireAllWorkersWhenIdleAndBringThemBackWhenWorkArrives() {
        create(NAME, IdleAction.ScaleToZero);
        await().atMost(TIMEOUT).until(() -> workerPods().size() == 2);
        workerPods().forEach(LocalDaskResource.dask::startWorker);

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(workerPods()).as("the scheduler retired every worker").isEmpty();
            assertThat(phase(NAME)).isEqualTo(ArrayClusterPhase.Idle);
            assertThat(cluster(NAME).getStatus().getIdleSince()).isNotNull();
            assertThat(condition(NAME, "Idle")).hasValueSatisfying(c -> assertThat(c.getReason())
                    .isEqualTo("IdleTimeout"));
            assertThat(events(NAME, "IdleTimeout")).isNotEmpty();
            assertThat(events(NAME, "WorkersRetired")).isNotEmpty();
        });
        assertThat(cluster(NAME).getSpec().getWorker().getReplicas()).as("spec is the user's").isEqualTo(2);

        // Tasks wait for workers: the scheduler is no longer idle, and the spec's two workers return.
        LocalDaskResource.dask.startBusyClient("idle-wakeup", 4);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(workerPods()).hasSize(2);
            assertThat(condition(NAME, "Idle")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
        });
    }

    @Test
    void shouldSuspendWhenIdle() {
        create(NAME, IdleAction.Suspend);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(cluster(NAME).getSpec().getSuspend()).isTrue();
            assertThat(phase(NAME)).isEqualTo(ArrayClusterPhase.Suspended);
            assertThat(workerPods()).isEmpty();
        });
    }

    @Test
    void shouldDeleteWhenIdle() {
        create(NAME, IdleAction.Delete);

        // The scheduler may have been idle for long already (it is shared by this class's tests),
        // so the deletion can come before any status is written: wait for the outcome only.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(cluster(NAME)).isNull();
            assertThat(events(NAME, "IdleTimeout")).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains("deleting the cluster"));
        });
    }

    private void create(String name, IdleAction action) {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNewWorker().withReplicas(2).endWorker()
                .withNewIdle().withTimeout("4s").withAction(action).endIdle().endSpec().build()).create();
    }
}

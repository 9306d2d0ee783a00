package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.operator.arraycluster.scheduler.SchedulerApi;

/**
 * Graceful scale-down with a real Dask scheduler and real workers named like the simulated pods:
 * the scheduler chooses which workers retire, and exactly their pods are deleted.
 */
@QuarkusTest
@WithTestResource(value = LocalDaskResource.class, initArgs = @ResourceArg(name = LocalDaskResource.CLUSTER,
        value = "retire"))
class ArrayClusterRetirementIT extends DaskOperatorIT {

    @Override
    String namespacePrefix() {
        return "retire";
    }

    @Test
    void shouldDeleteExactlyThePodsOfTheWorkersTheSchedulerRetired() {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("retire").withNamespace(namespace)
                .endMetadata().withNewSpec().withNewWorker().withReplicas(3).withMaxReplicas(5).endWorker().endSpec()
                .build()).create();
        await().atMost(TIMEOUT).until(() -> workerPods().size() == 3);
        List<String> podNames = workerPods();
        podNames.forEach(LocalDaskResource.dask::startWorker);
        SchedulerApi api = new SchedulerApi(HttpClient.newHttpClient(), LocalDaskResource.dask.httpAddress(),
                Duration.ofSeconds(30));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(api.workers())
                .containsExactlyInAnyOrderElementsOf(podNames));

        client.resources(ArrayCluster.class).inNamespace(namespace).withName("retire")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"worker\":{\"replicas\":1}}}");

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            List<String> remainingWorkers = api.workers();
            assertThat(remainingWorkers).hasSize(1);
            assertThat(workerPods()).as("the pod of the one worker the scheduler kept")
                    .containsExactlyElementsOf(remainingWorkers);
        });
    }
}

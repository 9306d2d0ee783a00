package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingMode;
import io.tessera.operator.arraycluster.scheduler.SchedulerApi;

/**
 * Adaptive mode with a real Dask scheduler under real load: the operator follows the scheduler's
 * adaptive target within the bounds and records its decision in status, leaving the spec alone.
 */
@QuarkusTest
@WithTestResource(value = LocalDaskResource.class, initArgs = @ResourceArg(name = LocalDaskResource.CLUSTER,
        value = "adapt"))
class ArrayClusterAdaptiveIT extends DaskOperatorIT {

    @Override
    String namespacePrefix() {
        return "adaptive";
    }

    @Test
    void shouldScaleUpUnderLoadAndLetTheSchedulerRetireWorkersWhenTheWorkIsDone() throws InterruptedException {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("adapt").withNamespace(namespace)
                .endMetadata().withNewSpec().withNewWorker().withMinReplicas(1).withMaxReplicas(4).endWorker()
                .withNewAutoscaling().withMode(AutoscalingMode.Adaptive).withInterval("1s").withCooldown("0s")
                .withStabilizationWindow("3s")
                .endAutoscaling().endSpec().build()).create();
        await().atMost(TIMEOUT).until(() -> workerPods().size() == 1);
        Set<String> started = new HashSet<>();
        startDaskWorkersForNewPods(started);

        LocalDaskResource.dask.startBusyClient("adaptive-load", 200);

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            // kwok only simulates pods: give each new worker pod its real Dask worker, named like it.
            startDaskWorkersForNewPods(started);
            ArrayCluster cluster = client.resources(ArrayCluster.class).inNamespace(namespace).withName("adapt").get();
            assertThat(cluster.getStatus().getAutoscaler().getRecommendation()).isGreaterThan(1);
            assertThat(cluster.getStatus().getAutoscaler().getTarget()).isEqualTo(4);
            assertThat(cluster.getStatus().getAutoscaler().getReason()).isIn("ClampedToMax", "ScaledUp");
            assertThat(workerPods()).hasSize(4);
            assertThat(cluster.getSpec().getWorker().getReplicas()).as("the decision stays out of spec").isNull();
            assertThat(events("adapt", "AutoscalerDecision")).anySatisfy(e -> assertThat(e.getMessage())
                    .contains("-> 4 workers"));
        });

        LocalDaskResource.dask.stop("adaptive-load");

        SchedulerApi api = new SchedulerApi(HttpClient.newHttpClient(), LocalDaskResource.dask.httpAddress(),
                Duration.ofSeconds(30));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ArrayCluster cluster = client.resources(ArrayCluster.class).inNamespace(namespace).withName("adapt").get();
            assertThat(cluster.getStatus().getAutoscaler().getTarget()).isEqualTo(1);
            List<String> remaining = api.workers();
            assertThat(remaining).hasSize(1);
            assertThat(workerPods()).as("only the pods of the workers the scheduler retired are gone")
                    .containsExactlyElementsOf(remaining);
        });
    }

    private void startDaskWorkersForNewPods(Set<String> started) {
        workerPods().stream().filter(started::add).forEach(LocalDaskResource.dask::startWorker);
    }
}

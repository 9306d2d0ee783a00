package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.operator.arraycluster.desired.ClusterNames;

/**
 * A pod create that the API server refuses must not stall the cluster: a ResourceQuota that
 * admits only the scheduler refuses the workers for a few seconds; once it is gone the workers
 * appear at the next retry, not after the expectations' five-minute expiry.
 */
@QuarkusTest
class ArrayClusterPodQuotaIT extends OperatorIT {

    /** Well inside the expectations' TTL (5 min) and the JOSDK retry schedule (5 attempts, ~26 s). */
    private static final Duration WITHIN_ONE_RETRY = Duration.ofSeconds(30);

    @Override
    String namespacePrefix() {
        return "podquota";
    }

    @Test
    void shouldCreateWorkersAsSoonAsAResourceQuotaStopsRefusingThem() {
        ResourceQuota quota = client.resource(new ResourceQuotaBuilder().withNewMetadata().withName("one-pod")
                .withNamespace(namespace).endMetadata().withNewSpec().withHard(Map.of("pods", new Quantity("1")))
                .endSpec().build()).create();
        // The quota admission plugin refuses every pod until the controller has written the status.
        await().atMost(TIMEOUT).until(() -> client.resource(quota).get().getStatus() != null
                && client.resource(quota).get().getStatus().getHard() != null);

        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("squeezed").withNamespace(namespace)
                .addToLabels(Constants.LABEL_GROUP, "physics").endMetadata()
                .withNewSpec().withNewWorker().withReplicas(2).endWorker().endSpec().build()).create();

        await().atMost(TIMEOUT).until(() -> client.pods().inNamespace(namespace)
                .withName(ClusterNames.schedulerPod("squeezed")).get() != null);
        // The operator tried the workers and the quota refused them (at least one failed create).
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(workers()).isEmpty());

        client.resource(quota).delete();

        await().atMost(WITHIN_ONE_RETRY).untilAsserted(() -> assertThat(workers()).hasSize(2));
    }
}

package io.tessera.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import org.junit.jupiter.api.Test;

class ArrayClusterFootprintTest {

    private static ArrayClusterSpec spec(String yaml) {
        return Serialization.unmarshal(yaml, ArrayClusterSpec.class);
    }

    @Test
    void shouldChargeTheSchedulerAndMaxReplicasTimesTheWorkerRequests() {
        ArrayClusterFootprint footprint = ArrayClusterFootprint.of(spec("""
                scheduler: {resources: {requests: {cpu: 500m, memory: 1Gi}}}
                worker:
                  replicas: 2
                  maxReplicas: 8
                  resources: {limits: {cpu: "2", memory: 4Gi, nvidia.com/gpu: "1"}}
                additionalWorkerGroups:
                - name: big
                  replicas: 3
                  resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {cpu: "1", memory: 1Gi}}
                """));
        assertThat(footprint.resources()).isEqualTo(new Resources(500 + 8 * 2000 + 3 * 250,
                (1L << 30) + 8 * (4L << 30) + 3 * (512L << 20), 8, 11));
        assertThat(footprint.unsized()).isEmpty();
    }

    @Test
    void shouldChargeReplicasForManualAndTheMinimumForAdaptiveWhenNoMaximumIsSet() {
        String groups = """
                worker: {replicas: 5, minReplicas: 1, resources: {requests: {cpu: "1", memory: 1Gi}}}
                scheduler: {resources: {requests: {cpu: "1", memory: 1Gi}}}
                """;
        assertThat(ArrayClusterFootprint.of(spec(groups)).resources().workers()).isEqualTo(5);
        assertThat(ArrayClusterFootprint.of(spec(groups + "autoscaling: {mode: Adaptive}\n")).resources())
                .isEqualTo(new Resources(2000, 2L << 30, 0, 1));
    }

    @Test
    void shouldNameContainersThatRequestNoCpuOrNoMemory() {
        ArrayClusterFootprint footprint = ArrayClusterFootprint.of(spec("""
                worker: {replicas: 2, resources: {requests: {cpu: "1"}}}
                additionalWorkerGroups: [{name: gpu, replicas: 1}]
                """));
        assertThat(footprint.unsized()).containsExactly("scheduler", "worker", "worker group gpu");
        assertThat(footprint.resources()).isEqualTo(new Resources(2000, 0, 0, 3));
    }
}

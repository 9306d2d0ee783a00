package io.tessera.gateway.cluster;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingMode;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.WorkerSpec;

/**
 * What {@code /scale} and {@code /adapt} change in an ArrayCluster spec (pure): the primary worker
 * group's count and the autoscaling mode. The result is both what admission charges
 * ({@code ArrayClusterFootprint.of}) and what is written, so the two never differ.
 */
public record WorkerTarget(AutoscalingMode mode, Integer replicas, Integer minReplicas, Integer maxReplicas) {

    /** Manual: exactly {@code count} workers; min and max are cleared so that no CEL bound conflicts. */
    public static WorkerTarget manual(int count) {
        return new WorkerTarget(AutoscalingMode.Manual, count, null, null);
    }

    /** Adaptive between min and max: the operator asks the scheduler; admission charges max. */
    public static WorkerTarget adaptive(int min, int max) {
        return new WorkerTarget(AutoscalingMode.Adaptive, null, min, max);
    }

    /** A copy of {@code spec} with this target applied. */
    public ArrayClusterSpec applyTo(ArrayClusterSpec spec) {
        ArrayClusterSpec copy = Serialization.clone(spec);
        write(copy);
        return copy;
    }

    /** Applies the target to {@code spec} in place (for an edit of the live object). */
    public void write(ArrayClusterSpec spec) {
        WorkerSpec worker = spec.getWorker() == null ? new WorkerSpec() : spec.getWorker();
        worker.setReplicas(replicas);
        worker.setMinReplicas(minReplicas);
        worker.setMaxReplicas(maxReplicas);
        spec.setWorker(worker);
        AutoscalingSpec autoscaling = spec.getAutoscaling() == null ? new AutoscalingSpec() : spec.getAutoscaling();
        autoscaling.setMode(mode);
        spec.setAutoscaling(autoscaling);
    }
}

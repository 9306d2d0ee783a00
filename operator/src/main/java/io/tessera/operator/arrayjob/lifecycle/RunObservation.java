package io.tessera.operator.arrayjob.lifecycle;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;

/**
 * What the reconciler sees of a run: the ArrayJob and the cluster and runner Job it owns (from the
 * informer caches; empty when not created yet or already cleaned up).
 */
public record RunObservation(ArrayJob run, Optional<ArrayCluster> cluster, Optional<Job> job) {
}

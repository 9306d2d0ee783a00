package io.tessera.gateway.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;

/**
 * Whether a reservation without an ArrayCluster belongs to an admitted ArrayJob whose cluster the
 * operator has not created yet. The queue reserves a run's footprint under the name of the cluster
 * the operator will create ({@code <run>-dask}); until then the reservation has no ArrayCluster,
 * and the resync must not take it back (the operator may be slow or restarting). Runs that have
 * finished hold nothing: their cluster is gone for good.
 */
final class QueuedRunHolds {

    private static final Set<ArrayJobPhase> FINISHED = Set.of(ArrayJobPhase.Succeeded, ArrayJobPhase.Failed);

    private QueuedRunHolds() {
    }

    static boolean holds(Collection<ArrayJob> runsInNamespace, String clusterName) {
        return runsInNamespace.stream().anyMatch(run -> ArrayJobAdmission.clusterName(run.getMetadata().getName())
                .equals(clusterName) && admitted(run) && !finished(run) && run.getMetadata().getDeletionTimestamp() == null);
    }

    private static boolean admitted(ArrayJob run) {
        return "true".equals(Optional.ofNullable(run.getMetadata().getAnnotations()).orElse(Map.of())
                .get(ArrayJobAdmission.ANNOTATION_ADMITTED));
    }

    private static boolean finished(ArrayJob run) {
        return Optional.ofNullable(run.getStatus()).map(ArrayJobStatus::getPhase).map(FINISHED::contains).orElse(false);
    }
}

package io.tessera.gateway.cluster;

import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The dask-gateway status of a cluster, from its reservation and its ArrayCluster (pure).
 *
 * <ul>
 * <li>released reservation: STOPPED, or STOPPING while the object still exists;</li>
 * <li>object being deleted ({@code deletionTimestamp}) or phase Terminating: STOPPING;</li>
 * <li>phase Failed (provisioning timeout, scheduler failures, invalid pod template): FAILED;</li>
 * <li>phase Running, Scaling or Idle (the scheduler is ready): RUNNING;</li>
 * <li>phase Suspended (no scheduler; idle action Suspend or kubectl): STOPPED, so a waiting client
 *     stops waiting;</li>
 * <li>no status yet, Pending, Provisioning (also while queued, Admitted=False): PENDING;</li>
 * <li>reservation ACTIVE but no object: PENDING within the grace period (the create is in
 *     flight), STOPPED after it (the object vanished; ClusterSync releases the reservation).</li>
 * </ul>
 * The dask-gateway client waits forever on PENDING; the operator's provisioning timeout turns a
 * cluster that cannot start into Failed, hence FAILED here.
 */
public final class ClusterStatusMapper {

    private ClusterStatusMapper() {
    }

    public static ClusterState map(boolean released, Optional<ArrayCluster> resource, Instant createdAt, Instant now,
                                   Duration grace) {
        if (resource.isEmpty()) {
            if (released) {
                return ClusterState.STOPPED;
            }
            return createdAt.plus(grace).isAfter(now) ? ClusterState.PENDING : ClusterState.STOPPED;
        }
        ArrayCluster cluster = resource.get();
        if (released || cluster.getMetadata().getDeletionTimestamp() != null) {
            return ClusterState.STOPPING;
        }
        ArrayClusterPhase phase = Optional.ofNullable(cluster.getStatus()).map(ArrayClusterStatus::getPhase).orElse(null);
        if (phase == null) {
            return ClusterState.PENDING;
        }
        return switch (phase) {
            case Failed -> ClusterState.FAILED;
            case Terminating -> ClusterState.STOPPING;
            case Suspended -> ClusterState.STOPPED;
            case Running, Scaling, Idle -> ClusterState.RUNNING;
            case Pending, Provisioning -> ClusterState.PENDING;
        };
    }
}

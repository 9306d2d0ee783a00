package io.tessera.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClusterStatusMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(2);

    private static ArrayCluster cluster(ArrayClusterPhase phase, boolean deleting) {
        ArrayCluster cluster = new ArrayCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("c").withDeletionTimestamp(deleting ? NOW.toString() : null)
                .build());
        if (phase != null) {
            ArrayClusterStatus status = new ArrayClusterStatus();
            status.setPhase(phase);
            cluster.setStatus(status);
        }
        return cluster;
    }

    private static ClusterState map(boolean released, ArrayCluster cluster, Instant created) {
        return ClusterStatusMapper.map(released, Optional.ofNullable(cluster), created, NOW, GRACE);
    }

    @ParameterizedTest
    @CsvSource({
        "Pending, PENDING", "Provisioning, PENDING", "Running, RUNNING", "Scaling, RUNNING", "Idle, RUNNING",
        "Suspended, STOPPED", "Failed, FAILED", "Terminating, STOPPING",
    })
    void shouldMapEveryPhase(ArrayClusterPhase phase, ClusterState expected) {
        assertThat(map(false, cluster(phase, false), NOW)).isEqualTo(expected);
    }

    @Test
    void shouldBePendingBeforeTheOperatorWroteAnyStatus() {
        assertThat(map(false, cluster(null, false), NOW)).isEqualTo(ClusterState.PENDING);
    }

    @Test
    void shouldBeStoppingWhileTheObjectIsBeingDeletedOrAlreadyReleased() {
        assertThat(map(false, cluster(ArrayClusterPhase.Running, true), NOW)).isEqualTo(ClusterState.STOPPING);
        assertThat(map(true, cluster(ArrayClusterPhase.Running, false), NOW)).isEqualTo(ClusterState.STOPPING);
    }

    @Test
    void shouldBeStoppedOnceReleasedAndGone() {
        assertThat(map(true, null, NOW.minusSeconds(3600))).isEqualTo(ClusterState.STOPPED);
        assertThat(map(true, null, NOW)).isEqualTo(ClusterState.STOPPED);
    }

    @Test
    void shouldBePendingWithoutObjectOnlyWithinTheGracePeriod() {
        assertThat(map(false, null, NOW.minusSeconds(119))).isEqualTo(ClusterState.PENDING);
        assertThat(map(false, null, NOW.minusSeconds(120))).isEqualTo(ClusterState.STOPPED);
    }
}

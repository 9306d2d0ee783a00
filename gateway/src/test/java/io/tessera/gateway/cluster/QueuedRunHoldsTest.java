package io.tessera.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import org.junit.jupiter.api.Test;

class QueuedRunHoldsTest {

    private static ArrayJob run(String name, String admitted, ArrayJobPhase phase) {
        ArrayJob run = new ArrayJob();
        run.setMetadata(new ObjectMetaBuilder().withName(name)
                .withAnnotations(admitted == null ? Map.of() : Map.of(ArrayJobAdmission.ANNOTATION_ADMITTED, admitted))
                .build());
        if (phase != null) {
            ArrayJobStatus status = new ArrayJobStatus();
            status.setPhase(phase);
            run.setStatus(status);
        }
        return run;
    }

    @Test
    void shouldKeepTheReservationOfAnAdmittedRunWhoseClusterIsNotCreatedYet() {
        assertThat(QueuedRunHolds.holds(List.of(run("nightly-1", "true", ArrayJobPhase.Provisioning)), "nightly-1-dask"))
                .isTrue();
        assertThat(QueuedRunHolds.holds(List.of(run("nightly-1", "true", null)), "nightly-1-dask")).isTrue();
    }

    @Test
    void shouldReleaseWhenNoRunHoldsTheName() {
        assertThat(QueuedRunHolds.holds(List.of(run("nightly-1", "false", ArrayJobPhase.Queued)), "nightly-1-dask"))
                .as("queued, not admitted").isFalse();
        assertThat(QueuedRunHolds.holds(List.of(run("nightly-1", "true", ArrayJobPhase.Succeeded)), "nightly-1-dask"))
                .as("finished").isFalse();
        assertThat(QueuedRunHolds.holds(List.of(run("nightly-1", "true", ArrayJobPhase.Running)), "other-dask"))
                .as("another cluster").isFalse();
        assertThat(QueuedRunHolds.holds(List.of(), "nightly-1-dask")).isFalse();
    }
}

package io.tessera.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueOrderTest {

    private static ArrayJob run(String name, String created, Map<String, String> annotations, ArrayJobPhase phase) {
        ArrayJob run = new ArrayJobBuilder().withNewMetadata().withName(name).withNamespace("tessera-physics")
                .withCreationTimestamp(created).withAnnotations(annotations).endMetadata().build();
        if (phase != null) {
            run.setStatus(new ArrayJobStatus());
            run.getStatus().setPhase(phase);
        }
        return run;
    }

    @Test
    void shouldQueueWaitingRunsOldestFirstThenByName() {
        ArrayJob late = run("a-late", "2026-11-24T10:00:05Z", Map.of(), null);
        ArrayJob sameSecondB = run("b", "2026-11-24T10:00:01Z", Map.of(), ArrayJobPhase.Queued);
        ArrayJob sameSecondA = run("a", "2026-11-24T10:00:01Z", Map.of(ArrayJobAdmission.ANNOTATION_ADMITTED, "false"), null);
        ArrayJob admitted = run("admitted", "2026-11-24T09:00:00Z", Map.of(ArrayJobAdmission.ANNOTATION_ADMITTED, "true"), null);
        ArrayJob done = run("done", "2026-11-24T09:00:00Z", Map.of(), ArrayJobPhase.Succeeded);
        ArrayJob elsewhere = run("elsewhere", "2026-11-24T09:00:00Z", Map.of(), null);
        elsewhere.getMetadata().setNamespace("other");
        ArrayJob deleting = run("deleting", "2026-11-24T09:00:00Z", Map.of(), null);
        deleting.getMetadata().setDeletionTimestamp("2026-11-24T11:00:00Z");

        assertThat(QueueOrder.waiting(List.of(late, sameSecondB, sameSecondA, admitted, done, elsewhere, deleting),
                "tessera-physics")).extracting(r -> r.getMetadata().getName()).containsExactly("a", "b", "a-late");
    }

    @Test
    void shouldTellThePositionAndWhy() {
        assertThat(QueueOrder.queued(1, 2, "physics", Optional.of("group physics: cores 2 requested, 1 of 3 left")))
                .isEqualTo("queued at position 1 of 2 in group physics (runs are admitted in creation order):"
                        + " group physics: cores 2 requested, 1 of 3 left");
        assertThat(QueueOrder.queued(2, 2, "physics", Optional.empty()))
                .endsWith("it fits, but waits for the 1 run(s) ahead");
    }
}

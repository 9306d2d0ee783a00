package io.tessera.operator.scheduledjob.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJob;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJobSpec;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJobStatus;
import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.spec.MissedRunPolicy;
import io.tessera.api.v1alpha1.scheduledjob.status.ActiveRun;
import io.tessera.api.v1alpha1.scheduledjob.status.RunRecord;
import io.tessera.api.v1alpha1.scheduledjob.status.RunResult;
import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

class PlanInputsTest {

    @Test
    void shouldApplyTheApiDefaultsAndReadStatusAndAnnotations() {
        ScheduledJob job = new ScheduledJob();
        job.setMetadata(new ObjectMetaBuilder().withName("nightly").withCreationTimestamp("2026-03-01T00:00:00Z")
                .withAnnotations(Map.of(RunAnnotations.RUN_NOW, "again", RunAnnotations.RUN_NOW_HANDLED, "first")).build());
        ScheduledJobSpec spec = new ScheduledJobSpec();
        spec.setSchedule("0 * * * *");
        job.setSpec(spec);
        ScheduledJobStatus status = new ScheduledJobStatus();
        status.setLastScheduleTime("2026-03-02T10:00:00Z");
        status.setNextScheduleTime("2026-03-02T11:00:00+00:00");
        status.setActive(List.of(activeRun("nightly-29540760")));
        status.setMissedRuns(4L);
        status.setRecentRuns(List.of(record("nightly-29540700", "2026-03-02T09:00:00Z", RunTrigger.Schedule, RunResult.Succeeded),
                record(null, "2026-03-02T08:00:00Z", RunTrigger.Schedule, RunResult.Skipped),
                record(null, "2026-03-02T09:30:00Z", RunTrigger.Manual, RunResult.Skipped)));
        job.setStatus(status);

        PlanInput input = PlanInputs.from(job, List.of());

        assertThat(input.settings()).isEqualTo(new ScheduleSettings("0 * * * *", Optional.empty(), false,
                ConcurrencyPolicy.Allow, Optional.empty(), 3, 1, MissedRunPolicy.RunLatest, 10));
        assertThat(input.memory()).isEqualTo(new ScheduleMemory(Optional.of(Instant.parse("2026-03-02T10:00:00Z")),
                Optional.of(Instant.parse("2026-03-02T11:00:00Z")), Optional.empty(),
                Optional.of(Instant.parse("2026-03-02T08:00:00Z")), List.of("nightly-29540760"), 4,
                Set.of("nightly-29540700"), Optional.of("first")));
        assertThat(input.runNowRequest()).contains("again");
        assertThat(input.creationTimestamp()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        spec.setStartingDeadlineSeconds(30L);
        assertThat(PlanInputs.from(job, List.of()).settings().startingDeadline()).contains(Duration.ofSeconds(30));
    }

    @Test
    void shouldReadRunsFromAnnotationsOrNames() {
        ArrayJob annotated = arrayJob("nightly-mca978112", Map.of(RunAnnotations.TRIGGER, "Manual",
                RunAnnotations.SCHEDULED_TIME, "2026-03-02T11:20:00+01:00"), ArrayJobPhase.Succeeded);
        ArrayJob named = arrayJob("nightly-29540760", Map.of(), null);

        assertThat(PlanInputs.observe("nightly", annotated)).isEqualTo(new ObservedRun("nightly-mca978112", RunTrigger.Manual,
                Optional.of(Instant.parse("2026-03-02T10:20:00Z")), RunPhase.Succeeded,
                Optional.of(Instant.parse("2026-03-02T10:20:05Z")), Optional.of(Instant.parse("2026-03-02T10:40:00Z"))));
        assertThat(PlanInputs.observe("nightly", named)).isEqualTo(new ObservedRun("nightly-29540760", RunTrigger.Schedule,
                Optional.of(Instant.parse("2026-03-02T10:00:00Z")), RunPhase.Active, Optional.empty(), Optional.empty()));
    }

    @Test
    void shouldWriteAnnotationsThatReadBackToTheSameRun() {
        PlannedRun run = new PlannedRun("nightly-m1", Instant.parse("2026-03-02T10:20:00Z"), RunTrigger.Manual, Optional.of("x"));

        assertThat(RunAnnotations.of(run, ZoneId.of("Europe/Berlin"))).containsExactly(
                Map.entry(RunAnnotations.SCHEDULED_TIME, "2026-03-02T11:20:00+01:00"), Map.entry(RunAnnotations.TRIGGER, "Manual"),
                Map.entry(RunAnnotations.RUN_NOW_TOKEN, "x"));
        assertThat(RunAnnotations.of(run, ZoneId.of("UTC")).get(RunAnnotations.SCHEDULED_TIME)).isEqualTo("2026-03-02T10:20:00Z");
    }

    @Test
    void shouldRefuseAScheduledJobThatWasNeverStored() {
        ScheduledJob job = new ScheduledJob();
        job.setMetadata(new ObjectMetaBuilder().withName("draft").build());
        job.setSpec(new ScheduledJobSpec());

        assertThatThrownBy(() -> PlanInputs.from(job, List.of())).hasMessage("ScheduledJob draft has no creation timestamp");
    }

    private static ArrayJob arrayJob(String name, Map<String, String> annotations, ArrayJobPhase phase) {
        ArrayJob run = new ArrayJob();
        ObjectMeta meta = new ObjectMetaBuilder().withName(name).withAnnotations(annotations).build();
        run.setMetadata(meta);
        if (phase != null) {
            ArrayJobStatus status = new ArrayJobStatus();
            status.setPhase(phase);
            status.setStartTime("2026-03-02T10:20:05Z");
            status.setCompletionTime("2026-03-02T10:40:00Z");
            run.setStatus(status);
        }
        return run;
    }

    private static ActiveRun activeRun(String name) {
        ActiveRun run = new ActiveRun();
        run.setName(name);
        return run;
    }

    private static RunRecord record(String name, String scheduledTime, RunTrigger trigger, RunResult result) {
        RunRecord record = new RunRecord();
        record.setName(name);
        record.setScheduledTime(scheduledTime);
        record.setTrigger(trigger);
        record.setResult(result);
        return record;
    }
}

package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJob;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJobStatus;
import io.tessera.api.v1alpha1.scheduledjob.status.ActiveRun;
import io.tessera.api.v1alpha1.scheduledjob.status.RunRecord;
import io.tessera.api.v1alpha1.scheduledjob.status.RunResult;
import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

/** Reads a {@link PlanInput} off the custom resources; no API calls. */
public final class PlanInputs {

    private PlanInputs() {
    }

    /**
     * @param runs the ArrayJobs this ScheduledJob controls
     * @throws IllegalArgumentException when the ScheduledJob has no creation timestamp (it was not
     *         read from the API server)
     */
    public static PlanInput from(ScheduledJob scheduledJob, Collection<ArrayJob> runs) {
        String name = scheduledJob.getMetadata().getName();
        Instant created = Rfc3339.parse(scheduledJob.getMetadata().getCreationTimestamp())
                .orElseThrow(() -> new IllegalArgumentException("ScheduledJob " + name + " has no creation timestamp"));
        Map<String, String> annotations = Objects.requireNonNullElse(scheduledJob.getMetadata().getAnnotations(), Map.of());
        return new PlanInput(name, created, ScheduleSettings.of(scheduledJob.getSpec()),
                memory(scheduledJob.getStatus(), Optional.ofNullable(annotations.get(RunAnnotations.RUN_NOW_HANDLED))),
                runs.stream().map(run -> observe(name, run)).toList(),
                Optional.ofNullable(annotations.get(RunAnnotations.RUN_NOW)));
    }

    static ScheduleMemory memory(ScheduledJobStatus status, Optional<String> lastHandledRunNow) {
        if (status == null) {
            return new ScheduleMemory(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), 0,
                    Set.of(), lastHandledRunNow);
        }
        List<RunRecord> recent = Objects.requireNonNullElse(status.getRecentRuns(), List.of());
        // Only scheduled ticks mark the accounting watermark: a refused run-now carries the time of
        // the request, and ticks before it may still be waiting for an active run to finish.
        Optional<Instant> lastSkippedTick = recent.stream()
                .filter(record -> record.getResult() == RunResult.Skipped && record.getTrigger() != RunTrigger.Manual)
                .flatMap(record -> Rfc3339.parse(record.getScheduledTime()).stream()).max(Instant::compareTo);
        return new ScheduleMemory(Rfc3339.parse(status.getLastScheduleTime()), Rfc3339.parse(status.getNextScheduleTime()),
                Rfc3339.parse(status.getLastSuccessfulTime()), lastSkippedTick,
                Objects.requireNonNullElse(status.getActive(), List.<ActiveRun>of()).stream().map(ActiveRun::getName)
                        .filter(Objects::nonNull).toList(),
                Objects.requireNonNullElse(status.getMissedRuns(), 0L),
                recent.stream().map(RunRecord::getName).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()),
                lastHandledRunNow);
    }

    static ObservedRun observe(String scheduledJob, ArrayJob run) {
        String name = run.getMetadata().getName();
        Map<String, String> annotations = Objects.requireNonNullElse(run.getMetadata().getAnnotations(), Map.of());
        RunTrigger trigger = RunTrigger.Manual.name().equals(annotations.get(RunAnnotations.TRIGGER)) ? RunTrigger.Manual
                : RunTrigger.Schedule;
        Optional<Instant> scheduledTime = Rfc3339.parse(annotations.get(RunAnnotations.SCHEDULED_TIME))
                .or(() -> trigger == RunTrigger.Schedule ? RunNames.tickOf(scheduledJob, name) : Optional.empty());
        ArrayJobPhase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
        return new ObservedRun(name, trigger, scheduledTime,
                phase == ArrayJobPhase.Succeeded ? RunPhase.Succeeded : phase == ArrayJobPhase.Failed ? RunPhase.Failed : RunPhase.Active,
                Optional.ofNullable(run.getStatus()).flatMap(status -> Rfc3339.parse(status.getStartTime())),
                Optional.ofNullable(run.getStatus()).flatMap(status -> Rfc3339.parse(status.getCompletionTime())));
    }
}

package io.tessera.operator.scheduledjob.planning;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJob;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJobStatus;
import io.tessera.api.v1alpha1.scheduledjob.status.ActiveRun;
import io.tessera.api.v1alpha1.scheduledjob.status.RunRecord;
import io.tessera.api.v1alpha1.scheduledjob.status.RunResult;
import io.tessera.operator.common.Conditions;

/**
 * The ScheduledJob's status after a plan is carried out, as a pure function of the previous
 * status, the plan and the runs that exist afterwards. {@code recentRuns} merges what is
 * remembered with what is observed, newest tick first, capped at {@value #RECENT_RUNS_LIMIT}: a
 * pruned run keeps its last record, a run deleted by Replace is recorded as Failed with reason
 * {@value #REPLACED} (one that vanished otherwise: {@value #MISSING}), and each given-up tick of the plan becomes a Skipped record.
 */
public final class ScheduledJobStatusFactory {

    public static final int RECENT_RUNS_LIMIT = 20;
    public static final String REPLACED = "Replaced";
    /** An active run that vanished without finishing (deleted by someone else). */
    public static final String MISSING = "Missing";

    private ScheduledJobStatusFactory() {
    }

    /**
     * @param runs the runs of this ScheduledJob: observed, and created by this plan (deleted and pruned ones
     *        included: their last state is what recentRuns remembers)
     */
    public static ScheduledJobStatus status(ScheduledJob scheduledJob, ScheduledJobPlan plan, List<ArrayJob> runs,
            Clock clock) {
        ScheduledJobStatus previous = Optional.ofNullable(scheduledJob.getStatus()).orElseGet(ScheduledJobStatus::new);
        long generation = Optional.ofNullable(scheduledJob.getMetadata().getGeneration()).orElse(0L);
        PlannedStatus planned = plan.status();
        List<Condition> conditions = previous.getConditions();
        for (ConditionInput condition : plan.conditions()) {
            conditions = Conditions.set(conditions, condition.type(), condition.status(), condition.reason(),
                    condition.message(), generation, clock);
        }
        ScheduledJobStatus status = new ScheduledJobStatus();
        status.setObservedGeneration(generation);
        status.setConditions(conditions);
        List<ActiveRun> active = planned.active().stream().map(name -> activeRun(name, runs)).toList();
        status.setActive(active.isEmpty() ? null : active);
        status.setActiveCount(active.size());
        status.setLastScheduleTime(planned.lastScheduleTime().map(ScheduledJobStatusFactory::utc).orElse(null));
        status.setLastSuccessfulTime(planned.lastSuccessfulTime().map(ScheduledJobStatusFactory::utc).orElse(null));
        status.setNextScheduleTime(planned.nextScheduleTime().map(ScheduledJobStatusFactory::utc).orElse(null));
        status.setLastRun(planned.lastRun().orElse(previous.getLastRun()));
        status.setMissedRuns(planned.missedRuns() == 0 ? null : planned.missedRuns());
        List<RunRecord> recent = recentRuns(previous, plan, runs, clock.instant());
        status.setRecentRuns(recent.isEmpty() ? null : recent);
        return status;
    }

    static List<RunRecord> recentRuns(ScheduledJobStatus previous, ScheduledJobPlan plan, List<ArrayJob> runs,
            Instant now) {
        Map<String, RunRecord> records = new LinkedHashMap<>();
        Objects.requireNonNullElse(previous.getRecentRuns(), List.<RunRecord>of()).forEach(r -> records.put(key(r), r));
        // A run remembered as active that no longer exists was deleted without finishing.
        List<String> existing = runs.stream().map(run -> run.getMetadata().getName()).toList();
        records.replaceAll((key, r) -> r.getResult() != RunResult.Active || existing.contains(key) ? r
                : ended(r, plan.runsToDelete().contains(key) ? REPLACED : MISSING, now));
        for (ArrayJob run : runs) {
            RunRecord record = record(run);
            boolean replaced = plan.runsToDelete().contains(record.getName()) && record.getResult() == RunResult.Active;
            records.put(record.getName(), replaced ? ended(record, REPLACED, now) : record);
        }
        for (SkippedTick skipped : plan.status().skipped()) {
            RunRecord record = new RunRecord();
            record.setScheduledTime(Rfc3339.format(skipped.scheduledTime(), plan.zone()));
            record.setTrigger(skipped.trigger());
            record.setResult(RunResult.Skipped);
            record.setReason(skipped.reason());
            records.put(key(record), record);
        }
        return records.values().stream()
                .sorted(Comparator.comparing((RunRecord r) -> Rfc3339.parse(r.getScheduledTime()).orElse(Instant.MIN))
                        .thenComparing(r -> Objects.requireNonNullElse(r.getName(), "")).reversed())
                .limit(RECENT_RUNS_LIMIT).toList();
    }

    private static RunRecord ended(RunRecord active, String reason, Instant now) {
        RunRecord record = new RunRecord();
        record.setName(active.getName());
        record.setScheduledTime(active.getScheduledTime());
        record.setTrigger(active.getTrigger());
        record.setResult(RunResult.Failed);
        record.setReason(reason);
        record.setCompletionTime(utc(now));
        return record;
    }

    private static RunRecord record(ArrayJob run) {
        ObservedRun observed = PlanInputs.observe(scheduledJobOf(run), run);
        Optional<ArrayJobStatus> status = Optional.ofNullable(run.getStatus());
        RunRecord record = new RunRecord();
        record.setName(observed.name());
        record.setScheduledTime(Optional.ofNullable(run.getMetadata().getAnnotations())
                .map(a -> a.get(RunAnnotations.SCHEDULED_TIME))
                .orElse(observed.scheduledTime().map(ScheduledJobStatusFactory::utc).orElse(null)));
        record.setTrigger(observed.trigger());
        record.setResult(switch (observed.phase()) {
            case Active -> RunResult.Active;
            case Succeeded -> RunResult.Succeeded;
            case Failed -> RunResult.Failed;
        });
        record.setReason(status.map(ArrayJobStatus::getFailureReason).orElse(null));
        record.setCompletionTime(status.map(ArrayJobStatus::getCompletionTime).orElse(null));
        return record;
    }

    /** The owner's name, so a run named by tick without an annotation still yields its tick. */
    private static String scheduledJobOf(ArrayJob run) {
        return Objects.requireNonNullElse(run.getMetadata().getOwnerReferences(), List.<io.fabric8.kubernetes.api.model.OwnerReference>of())
                .stream().findFirst().map(o -> o.getName()).orElse("");
    }

    private static ActiveRun activeRun(String name, List<ArrayJob> runs) {
        ActiveRun active = new ActiveRun();
        active.setName(name);
        runs.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst()
                .ifPresent(r -> active.setUid(r.getMetadata().getUid()));
        return active;
    }

    private static String key(RunRecord record) {
        return record.getName() != null ? record.getName()
                : "skipped " + record.getTrigger() + " " + record.getScheduledTime();
    }

    private static String utc(Instant instant) {
        return Rfc3339.format(instant, ZoneOffset.UTC);
    }
}

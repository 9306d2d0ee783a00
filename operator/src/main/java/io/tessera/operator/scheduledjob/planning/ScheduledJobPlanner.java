package io.tessera.operator.scheduledjob.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.tessera.operator.scheduledjob.schedule.CronParser;
import io.tessera.operator.scheduledjob.schedule.CronSchedule;
import io.tessera.operator.scheduledjob.schedule.InvalidScheduleException;
import io.tessera.operator.scheduledjob.schedule.MostRecentTick;
import io.tessera.operator.scheduledjob.schedule.TimeZones;

/**
 * The ScheduledJob controller's decision as a pure function of what the reconciler observed and
 * the time: Kubernetes CronJob controller v2 ({@code syncCronJob} and {@code cleanupFinishedJobs})
 * plus Tessera's missed-run policies, run-now requests, missed-run accounting and conditions.
 * The same input gives the same plan, so a reconcile retried after a crash decides again what
 * the crashed one decided, and the runs' names keep anything from being created twice.
 */
public final class ScheduledJobPlanner {

    /** CronJob's {@code nextScheduleDelta}: wake a little after the tick so that it has surely passed. */
    static final Duration NEXT_SCHEDULE_DELTA = Duration.ofMillis(100);

    private final ZoneId operatorZone;

    /** @param operatorZone the zone of schedules without {@code spec.timeZone} */
    public ScheduledJobPlanner(ZoneId operatorZone) {
        this.operatorZone = operatorZone;
    }

    public ScheduledJobPlan plan(PlanInput input, Instant now) {
        ScheduleSettings settings = input.settings();
        ScheduleMemory memory = input.memory();
        List<PlanEvent> events = new ArrayList<>(RunObservations.events(memory.active(), input.runs()));
        Optional<InvalidScheduleException> invalid = Optional.empty();
        ZoneId zone = operatorZone;
        TickOutcome ticks = TickOutcome.idle();
        Optional<Instant> next = Optional.empty();
        try {
            zone = TimeZones.resolve(settings.timeZone(), operatorZone);
            CronSchedule cron = CronParser.parse(settings.schedule(), zone);
            cron.next(now).orElseThrow(InvalidScheduleException::neverFires);
            if (!settings.suspend()) {
                ticks = TickPlanner.plan(input, cron, now);
                Instant lastScheduled = ticks.lastScheduleTime().or(memory::lastScheduleTime)
                        .orElse(input.creationTimestamp());
                next = MostRecentTick.upcoming(cron, lastScheduled, now);
            }
        } catch (InvalidScheduleException e) {
            invalid = Optional.of(e);
            events.add(PlanEvent.warning(e.reason(), e.getMessage()));
            ticks = TickOutcome.idle();
        }
        events.addAll(ticks.events());

        List<String> activeBefore = input.runs().stream().filter(run -> !run.finished()).map(ObservedRun::name).toList();
        RunNowDecision runNow = RunNowDecision.decide(input, activeBefore, !ticks.create().isEmpty(), now);
        runNow.event().ifPresent(events::add);
        List<PlannedRun> create = Stream.concat(ticks.create().stream(), runNow.run().stream()).toList();
        List<String> delete = Stream.concat(ticks.delete().stream(), runNow.delete().stream()).distinct().toList();
        List<String> activeAfter = Stream.concat(activeBefore.stream().filter(name -> !delete.contains(name)),
                create.stream().map(PlannedRun::name)).toList();

        PlannedStatus status = new PlannedStatus(ticks.lastScheduleTime().or(memory::lastScheduleTime), next,
                RunObservations.lastSuccessfulTime(memory.lastSuccessfulTime(), input.runs()), activeAfter,
                create.stream().reduce((first, second) -> second).map(PlannedRun::name),
                memory.missedRuns() + ticks.missed(),
                Stream.concat(ticks.skipped().stream(), runNow.refused().stream()).toList(), runNow.handled());
        return new ScheduledJobPlan(create, delete,
                HistoryPruner.prune(input.runs(), settings.successfulJobsHistoryLimit(), settings.failedJobsHistoryLimit()),
                List.copyOf(events), status,
                ScheduleConditions.of(settings, invalid, activeAfter, RunObservations.lastFinished(input.runs())),
                next.map(tick -> Duration.between(now, tick).plus(NEXT_SCHEDULE_DELTA)), zone);
    }
}

package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;
import io.tessera.operator.scheduledjob.schedule.CronSchedule;
import io.tessera.operator.scheduledjob.schedule.MissedTicks;
import io.tessera.operator.scheduledjob.schedule.MostRecentTick;
import io.tessera.operator.scheduledjob.schedule.TickScan;

/**
 * Decides the scheduled runs of one reconcile, CronJob's syncCronJob from "nextScheduleTime" on:
 * find the due ticks, skip those whose run already exists (the name is the lock, so an operator
 * restart between creating a run and writing status never duplicates it), apply the concurrency
 * policy, and account once for every tick that will never run.
 */
final class TickPlanner {

    /** Ticks kept from a scan: {@code maxMissedRuns} is at most 100, plus the newest. */
    private static final int KEPT_TICKS = 101;
    /** Given-up ticks recorded one by one in recentRuns per reconcile; the count covers all. */
    private static final int RECORDED_SKIPS = 10;

    private TickPlanner() {
    }

    static TickOutcome plan(PlanInput input, CronSchedule cron, Instant now) {
        ScheduleSettings settings = input.settings();
        ScheduleMemory memory = input.memory();
        Instant lastScheduled = memory.lastScheduleTime().orElse(input.creationTimestamp());
        MostRecentTick latest = MostRecentTick.find(cron, lastScheduled, settings.startingDeadline(), now);
        Instant accountedUntil = memory.lastSkippedTick().filter(lastScheduled::isBefore).orElse(lastScheduled);
        TickScan scan = TickScan.of(cron, accountedUntil, now, KEPT_TICKS);
        Optional<Instant> deadlineStart = settings.startingDeadline().map(now::minus);

        List<Instant> wanted = TickSelection.candidates(settings, latest, scan.newest(), accountedUntil,
                memory.nextScheduleTime(), deadlineStart);
        List<Instant> ran = ticksWithRuns(input, cron, accountedUntil, now);
        List<Instant> toStart = wanted.stream().filter(tick -> !ran.contains(tick)).toList();
        List<String> active = input.runs().stream().filter(run -> !run.finished()).map(ObservedRun::name).toList();
        ConcurrencyDecision concurrency = ConcurrencyDecision.decide(settings.concurrencyPolicy(), active, toStart);

        Set<Instant> accounted = new HashSet<>(ran);
        accounted.addAll(concurrency.start());
        accounted.addAll(concurrency.waiting());
        List<Instant> givenUp = scan.newest().stream().filter(tick -> !accounted.contains(tick)).toList();
        long missed = Math.max(0, scan.count() - accounted.size());
        List<SkippedTick> skipped = givenUp.subList(Math.max(0, givenUp.size() - RECORDED_SKIPS), givenUp.size()).stream()
                .map(tick -> new SkippedTick(tick, RunTrigger.Schedule, TickSelection.skipReason(settings, tick, deadlineStart)))
                .toList();

        List<PlanEvent> events = new ArrayList<>();
        if (latest.missed() == MissedTicks.MANY && latest.tick().isPresent()) {
            events.add(PlanEvent.warning("TooManyMissedTimes",
                    "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"));
        }
        concurrency.event().ifPresent(events::add);
        if (missed > 0) {
            SkippedTick newest = skipped.get(skipped.size() - 1);
            events.add(PlanEvent.warning("MissSchedule", "Missed " + missed + " scheduled time(s), the latest "
                    + newest.scheduledTime() + " (" + newest.reason() + ")"));
        }
        List<PlannedRun> create = concurrency.start().stream()
                .map(tick -> new PlannedRun(RunNames.scheduled(input.name(), tick), tick, RunTrigger.Schedule, Optional.empty()))
                .toList();
        Optional<Instant> lastScheduleTime = Stream.concat(ran.stream(), concurrency.start().stream())
                .max(Comparator.naturalOrder());
        return new TickOutcome(create, concurrency.delete(), lastScheduleTime, missed, skipped, events);
    }

    /**
     * Ticks after {@code after} that already have a scheduled run, whatever its state; runs of an
     * earlier schedule whose times are no ticks of this one do not count.
     */
    private static List<Instant> ticksWithRuns(PlanInput input, CronSchedule cron, Instant after, Instant now) {
        return input.runs().stream().filter(run -> run.trigger() == RunTrigger.Schedule)
                .flatMap(run -> run.scheduledTime().stream())
                .filter(tick -> tick.isAfter(after) && !tick.isAfter(now))
                .filter(tick -> cron.next(tick.minusSeconds(1)).filter(tick::equals).isPresent())
                .distinct().toList();
    }
}

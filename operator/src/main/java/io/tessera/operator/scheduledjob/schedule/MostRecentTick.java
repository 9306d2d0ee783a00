package io.tessera.operator.scheduledjob.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Kubernetes CronJob's {@code mostRecentScheduleTime} (pkg/controller/cronjob/utils.go), ported
 * with its estimate: the number of missed ticks is the time since the first one divided by the
 * distance between the first two, and the search for the latest tick starts one such interval
 * before the estimated position. For schedules with uneven gaps the estimate can overshoot, and
 * then CronJob finds no tick at all although some passed: its own table test "another complex
 * schedule" ({@code 30 10,11,12 * * 1-5}) expects exactly that, so this class does the same.
 *
 * @param earliest where the search started: last schedule time or creation, moved up to
 *        {@code now - startingDeadlineSeconds} when that is later
 * @param tick the latest tick at or before now, if found
 * @param missed how many ticks since {@code earliest}, as CronJob classifies them
 */
public record MostRecentTick(Instant earliest, Optional<Instant> tick, MissedTicks missed) {

    /**
     * @param lastScheduled last schedule time, or the creation time when nothing ran yet
     * @param startingDeadline ticks older than this before {@code now} are out of the window
     * @throws InvalidScheduleException reason {@code InvalidSchedule} when the schedule has no
     *         two ticks within five years (CronJob: "time difference between two schedules is less
     *         than 1 second")
     */
    public static MostRecentTick find(CronSchedule schedule, Instant lastScheduled, Optional<Duration> startingDeadline,
            Instant now) {
        Instant earliest = startingDeadline.map(now::minus).filter(deadline -> deadline.isAfter(lastScheduled))
                .orElse(lastScheduled);
        Instant t1 = schedule.next(earliest).orElseThrow(InvalidScheduleException::neverFires);
        if (now.isBefore(t1)) {
            return new MostRecentTick(earliest, Optional.empty(), MissedTicks.NONE);
        }
        Instant t2 = schedule.next(t1).orElseThrow(InvalidScheduleException::neverFires);
        if (now.isBefore(t2)) {
            return new MostRecentTick(earliest, Optional.of(t1), MissedTicks.NONE);
        }
        long interval = Duration.between(t1, t2).getSeconds();
        long missed = Duration.between(t1, now).getSeconds() / interval + 1;
        Instant tick = null;
        Optional<Instant> candidate = schedule.next(t1.plusSeconds((missed - 2) * interval));
        while (candidate.isPresent() && !candidate.get().isAfter(now)) {
            tick = candidate.get();
            candidate = schedule.next(tick);
        }
        return new MostRecentTick(earliest, Optional.ofNullable(tick), MissedTicks.of(missed));
    }

    /**
     * The tick to wait for next, as CronJob's {@code nextScheduleTimeDuration} picks it (without
     * the starting deadline): after the latest passed tick; after {@code lastScheduled} when none
     * passed; after now when ticks passed but the estimate found none. Empty when the schedule
     * never fires again.
     */
    public static Optional<Instant> upcoming(CronSchedule schedule, Instant lastScheduled, Instant now) {
        Instant base;
        try {
            MostRecentTick latest = find(schedule, lastScheduled, Optional.empty(), now);
            base = latest.tick().orElse(latest.missed() == MissedTicks.NONE ? lastScheduled : now);
        } catch (InvalidScheduleException e) {
            base = now; // CronJob: "we still have to requeue at some point"
        }
        return schedule.next(base);
    }
}

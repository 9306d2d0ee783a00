package io.tessera.operator.scheduledjob.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The ticks of a schedule in {@code (after, until]}: how many there are and the newest few, oldest
 * first. Missed-run accounting and {@code missedRunPolicy: RunAll} need them; CronJob itself only
 * ever looks at the latest tick.
 *
 * @param count exact up to {@link #WALK_LIMIT}; beyond it CronJob's estimate (time since the first
 *        tick divided by the distance between the first two), because walking years of a
 *        minutely schedule would stall the reconciler
 * @param newest at most {@code keep} ticks, the latest last
 */
public record TickScan(long count, List<Instant> newest) {

    static final long WALK_LIMIT = 10_000;

    public static TickScan of(CronSchedule schedule, Instant after, Instant until, int keep) {
        Optional<Instant> first = schedule.next(after);
        if (first.isEmpty() || first.get().isAfter(until)) {
            return new TickScan(0, List.of());
        }
        Instant start = after;
        long estimate = 0;
        Optional<Instant> second = schedule.next(first.get());
        if (second.isPresent() && !second.get().isAfter(until)) {
            long interval = Duration.between(first.get(), second.get()).getSeconds();
            estimate = Duration.between(first.get(), until).getSeconds() / interval + 1;
            if (estimate > WALK_LIMIT) {
                start = first.get().plusSeconds((estimate - WALK_LIMIT) * interval);
            }
        }
        Deque<Instant> newest = new ArrayDeque<>();
        long walked = 0;
        for (Optional<Instant> tick = schedule.next(start); tick.isPresent() && !tick.get().isAfter(until);
                tick = schedule.next(tick.get())) {
            walked++;
            newest.addLast(tick.get());
            if (newest.size() > keep) {
                newest.removeFirst();
            }
        }
        return new TickScan(estimate > WALK_LIMIT ? estimate : walked, List.copyOf(newest));
    }
}

package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The scheduled-tick part of a plan.
 *
 * @param lastScheduleTime newest tick a run now exists for, if any changed
 * @param missed ticks newly given up, counted once: later plans start after them
 */
record TickOutcome(List<PlannedRun> create, List<String> delete, Optional<Instant> lastScheduleTime, long missed,
        List<SkippedTick> skipped, List<PlanEvent> events) {

    /** Suspended or invalid: CronJob neither runs nor accounts for ticks then. */
    static TickOutcome idle() {
        return new TickOutcome(List.of(), List.of(), Optional.empty(), 0, List.of(), List.of());
    }
}

package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Status fields after the plan is carried out.
 *
 * @param lastScheduleTime the newest tick a run exists for (CronJob's meaning); unchanged if none
 * @param nextScheduleTime empty means: clear the field (suspended or invalid schedule)
 * @param active names of the unfinished runs, created ones included and deleted ones left out
 * @param lastRun newest run this plan creates; empty means: unchanged
 * @param missedRuns new total of ticks that will never run
 * @param skipped the newest of the ticks this plan gives up, to add to {@code recentRuns}
 * @param handledRunNow the run-now value to store in {@link RunAnnotations#RUN_NOW_HANDLED}
 */
public record PlannedStatus(Optional<Instant> lastScheduleTime, Optional<Instant> nextScheduleTime,
        Optional<Instant> lastSuccessfulTime, List<String> active, Optional<String> lastRun, long missedRuns,
        List<SkippedTick> skipped, Optional<String> handledRunNow) {
}

package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What earlier reconciles left in status (and the handled run-now annotation).
 *
 * @param nextScheduleTime the tick the operator announced; {@code missedRunPolicy: Skip} runs only
 *        an announced tick
 * @param lastSkippedTick newest scheduled tick recorded as skipped in {@code recentRuns}: ticks up
 *        to it are accounted for and never counted or run again
 * @param active names in {@code status.active}, to tell which runs finished or went missing since
 * @param recentRunNames names in {@code status.recentRuns}, so a pruned manual run is not redone
 */
public record ScheduleMemory(Optional<Instant> lastScheduleTime, Optional<Instant> nextScheduleTime,
        Optional<Instant> lastSuccessfulTime, Optional<Instant> lastSkippedTick, List<String> active, long missedRuns,
        Set<String> recentRunNames, Optional<String> lastHandledRunNow) {
}

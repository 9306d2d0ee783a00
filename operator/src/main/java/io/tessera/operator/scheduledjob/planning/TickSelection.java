package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.spec.MissedRunPolicy;
import io.tessera.operator.scheduledjob.schedule.MostRecentTick;

/**
 * Which passed ticks {@code missedRunPolicy} wants to run, and why the others never will.
 *
 * <ul>
 * <li>RunLatest: CronJob's choice, the most recent tick within the starting deadline, found with
 * CronJob's own estimate ({@link MostRecentTick}).
 * <li>Skip: only a tick the operator announced in {@code status.nextScheduleTime} before it was
 * due and that is still the latest; ticks that passed while the operator was down or the job was
 * suspended (when no next time is announced) are skipped. Lateness is bounded by
 * {@code startingDeadlineSeconds}, as for every policy.
 * <li>RunAll: every tick within the starting deadline, at most the newest {@code maxMissedRuns};
 * under Replace only the latest, because each catch-up run would replace the one before.
 * </ul>
 */
final class TickSelection {

    private TickSelection() {
    }

    /**
     * @param passed the newest ticks after {@code accountedUntil}, oldest first
     * @param deadlineStart ticks at or before it are beyond {@code startingDeadlineSeconds}
     * @return ticks to run, oldest first
     */
    static List<Instant> candidates(ScheduleSettings settings, MostRecentTick latest, List<Instant> passed,
            Instant accountedUntil, Optional<Instant> announced, Optional<Instant> deadlineStart) {
        List<Instant> inWindow = passed.stream().filter(tick -> deadlineStart.map(tick::isAfter).orElse(true)).toList();
        Optional<Instant> newest = inWindow.isEmpty() ? Optional.empty() : Optional.of(inWindow.get(inWindow.size() - 1));
        switch (settings.missedRunPolicy()) {
            case Skip:
                return newest.filter(tick -> announced.filter(tick::equals).isPresent()).stream().toList();
            case RunAll:
                return settings.concurrencyPolicy() == ConcurrencyPolicy.Replace ? newest.stream().toList()
                        : inWindow.subList(Math.max(0, inWindow.size() - settings.maxMissedRuns()), inWindow.size());
            case RunLatest:
            default:
                return latest.tick().filter(tick -> tick.isAfter(accountedUntil)).stream().toList();
        }
    }

    /** Why a passed tick that is neither run nor waiting for a run to finish is given up. */
    static String skipReason(ScheduleSettings settings, Instant tick, Optional<Instant> deadlineStart) {
        if (deadlineStart.filter(start -> !tick.isAfter(start)).isPresent()) {
            return SkippedTick.STARTING_DEADLINE_EXCEEDED;
        }
        if (settings.missedRunPolicy() == MissedRunPolicy.Skip) {
            return SkippedTick.MISSED_RUN_POLICY_SKIP;
        }
        if (settings.missedRunPolicy() == MissedRunPolicy.RunAll
                && settings.concurrencyPolicy() != ConcurrencyPolicy.Replace) {
            return SkippedTick.MAX_MISSED_RUNS_EXCEEDED;
        }
        return SkippedTick.SUPERSEDED;
    }
}

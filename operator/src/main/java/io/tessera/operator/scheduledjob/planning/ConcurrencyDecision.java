package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;

/**
 * {@code concurrencyPolicy} applied to the ticks that want a run, as CronJob's syncCronJob does:
 * Allow starts them all; Forbid starts nothing while a run is active (the tick stays due and starts
 * when the active run finishes, if no later tick and no deadline overtook it) and otherwise one;
 * Replace deletes the active runs and starts the latest.
 *
 * @param start ticks to create runs for
 * @param waiting ticks kept due until the active run finishes (Forbid)
 * @param delete active runs to delete first (Replace)
 */
record ConcurrencyDecision(List<Instant> start, List<Instant> waiting, List<String> delete, Optional<PlanEvent> event) {

    static ConcurrencyDecision decide(ConcurrencyPolicy policy, List<String> active, List<Instant> ticks) {
        if (ticks.isEmpty()) {
            return new ConcurrencyDecision(List.of(), List.of(), List.of(), Optional.empty());
        }
        switch (policy) {
            case Forbid:
                if (!active.isEmpty()) {
                    return new ConcurrencyDecision(List.of(), ticks, List.of(), Optional.of(PlanEvent.normal("JobAlreadyActive",
                            "Not starting a run because a prior run is still active and concurrency policy is Forbid")));
                }
                return new ConcurrencyDecision(ticks.subList(0, 1), ticks.subList(1, ticks.size()), List.of(), Optional.empty());
            case Replace:
                return new ConcurrencyDecision(ticks.subList(ticks.size() - 1, ticks.size()), List.of(), active,
                        Optional.empty());
            case Allow:
            default:
                return new ConcurrencyDecision(ticks, List.of(), List.of(), Optional.empty());
        }
    }
}

package io.tessera.operator.arraycluster.lifecycle;

import java.time.Instant;
import java.util.Optional;

import io.tessera.operator.arraycluster.scaling.WorkerState;

/**
 * The scheduler pod as the informer shows it, reduced to what lifecycle decisions need.
 *
 * @param state phase of the pod, empty when there is no pod
 * @param ready whether its readiness probe passes
 * @param created when the current pod was created
 */
public record SchedulerObservation(Optional<WorkerState> state, boolean ready, Optional<Instant> created) {

    public static SchedulerObservation absent() {
        return new SchedulerObservation(Optional.empty(), false, Optional.empty());
    }

    boolean finished() {
        return state.map(s -> s == WorkerState.Failed || s == WorkerState.Succeeded).orElse(false);
    }

    boolean present() {
        return state.isPresent();
    }
}

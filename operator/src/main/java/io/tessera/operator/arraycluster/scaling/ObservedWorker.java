package io.tessera.operator.arraycluster.scaling;

import java.time.Instant;

/**
 * A worker pod as the informer cache shows it.
 *
 * @param retiring the scheduler was asked to retire it and has not confirmed yet
 */
public record ObservedWorker(String name, WorkerState state, boolean retiring, Instant created) {

    /** Counts towards the group's size: neither finished, nor leaving. */
    public boolean active() {
        return !retiring && state.isLive();
    }
}

package io.tessera.operator.arraycluster.scaling;

/** Lifecycle of a worker pod, reduced to what scaling decisions need. */
public enum WorkerState {
    /** Not scheduled or not started yet. */
    Pending,
    Running,
    /** Exited with an error, evicted or OOM-killed: to be replaced. */
    Failed,
    /** Exited cleanly (e.g. retired by the scheduler): to be removed. */
    Succeeded,
    /** Deletion requested; already on its way out. */
    Terminating;

    /** Pending or running: the pod holds (or is about to hold) its resources and may do work. */
    public boolean isLive() {
        return this == Pending || this == Running;
    }
}

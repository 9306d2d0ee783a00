package io.tessera.api.v1alpha1.scheduledjob.status;

/** Outcome of one scheduled run as kept in recentRuns. */
public enum RunResult {
    Active,
    Succeeded,
    Failed,
    /** The tick was not run: Forbid with an active run, past the starting deadline, or missedRunPolicy Skip. */
    Skipped
}

package io.tessera.operator.scheduledjob.planning;

/** Where a run (ArrayJob) stands, as far as scheduling cares. */
public enum RunPhase {
    /** Not finished: queued, provisioning or running. Counts for Forbid and Replace. */
    Active,
    Succeeded,
    Failed
}

package io.tessera.api.v1alpha1.scheduledjob.spec;

/** What happens to ticks missed while the operator was down or the ScheduledJob was suspended. */
public enum MissedRunPolicy {
    /** Run only the most recent missed tick (Kubernetes CronJob behaviour). */
    RunLatest,
    /** Run none of them; count them in status. */
    Skip,
    /** Run each missed tick, oldest first, at most maxMissedRuns. */
    RunAll
}

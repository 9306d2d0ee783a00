package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;

import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

/** A tick (or run-now request) that will never run, for {@code status.recentRuns} as a Skipped record. */
public record SkippedTick(Instant scheduledTime, RunTrigger trigger, String reason) {

    /** Older than {@code startingDeadlineSeconds} allows. */
    public static final String STARTING_DEADLINE_EXCEEDED = "StartingDeadlineExceeded";
    /** A later tick ran (or will run) instead: CronJob only ever runs the most recent missed tick. */
    public static final String SUPERSEDED = "Superseded";
    /** {@code missedRunPolicy: Skip} and the tick passed while the operator was down or the job was suspended. */
    public static final String MISSED_RUN_POLICY_SKIP = "MissedRunPolicySkip";
    /** {@code missedRunPolicy: RunAll}, but older than the newest {@code maxMissedRuns} ticks. */
    public static final String MAX_MISSED_RUNS_EXCEEDED = "MaxMissedRunsExceeded";
    /** A run-now request while a run was active under {@code concurrencyPolicy: Forbid}. */
    public static final String CONCURRENCY_FORBID = "ConcurrencyForbid";
}

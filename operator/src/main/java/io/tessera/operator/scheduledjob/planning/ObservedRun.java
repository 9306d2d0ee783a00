package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.Optional;

import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

/**
 * A run of the ScheduledJob as the reconciler sees it (from the informer cache, plus runs it
 * created itself that the cache may not show yet).
 *
 * @param scheduledTime the tick of a scheduled run (from its annotation, else from its name);
 *        for a manual run when it was requested
 * @param startTime used to order runs for history pruning, as CronJob uses the Job's start time
 */
public record ObservedRun(String name, RunTrigger trigger, Optional<Instant> scheduledTime, RunPhase phase,
        Optional<Instant> startTime, Optional<Instant> completionTime) {

    public boolean finished() {
        return phase != RunPhase.Active;
    }
}

package io.tessera.operator.scheduledjob.planning;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One reconcile's decision for a ScheduledJob. Carrying it out: delete {@link #runsToDelete}
 * (Replace) before creating {@link #runsToCreate}, create each with {@link RunAnnotations#of}
 * (an AlreadyExists answer is success: the name is the lock), delete {@link #runsToPrune}, record
 * {@link #events}, write {@link #status} and {@link #conditions}, and requeue after
 * {@link #requeueAfter} (empty: wait for the next change; never poll).
 *
 * @param zone the zone the schedule runs in, for the runs' scheduled-time annotation
 */
public record ScheduledJobPlan(List<PlannedRun> runsToCreate, List<String> runsToDelete, List<String> runsToPrune,
        List<PlanEvent> events, PlannedStatus status, List<ConditionInput> conditions, Optional<Duration> requeueAfter,
        ZoneId zone) {
}

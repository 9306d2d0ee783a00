package io.tessera.operator.scheduledjob.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tessera.api.v1alpha1.scheduledjob.status.ScheduledJobConditions;
import io.tessera.operator.scheduledjob.schedule.InvalidScheduleException;

/** The ScheduledJob conditions a plan leads to. LastRunSucceeded is left as it is until a run finishes. */
final class ScheduleConditions {

    private ScheduleConditions() {
    }

    static List<ConditionInput> of(ScheduleSettings settings, Optional<InvalidScheduleException> invalid,
            List<String> activeAfter, Optional<ObservedRun> lastFinished) {
        List<ConditionInput> conditions = new ArrayList<>();
        conditions.add(invalid
                .map(e -> new ConditionInput(ScheduledJobConditions.SCHEDULE_VALID, false, e.reason(), e.getMessage()))
                .orElseGet(() -> new ConditionInput(ScheduledJobConditions.SCHEDULE_VALID, true, "ScheduleValid",
                        "schedule '" + settings.schedule() + "' in time zone " + settings.timeZone().orElse("of the operator"))));
        conditions.add(settings.suspend()
                ? new ConditionInput(ScheduledJobConditions.SUSPENDED, true, "Suspended", "spec.suspend is true: no runs are scheduled")
                : new ConditionInput(ScheduledJobConditions.SUSPENDED, false, "NotSuspended", "runs are scheduled"));
        conditions.add(activeAfter.isEmpty()
                ? new ConditionInput(ScheduledJobConditions.ACTIVE, false, "NoActiveRuns", "no run is active")
                : new ConditionInput(ScheduledJobConditions.ACTIVE, true, "RunsActive", String.join(", ", activeAfter)));
        lastFinished.map(run -> run.phase() == RunPhase.Succeeded
                ? new ConditionInput(ScheduledJobConditions.LAST_RUN_SUCCEEDED, true, "RunSucceeded", run.name() + " succeeded")
                : new ConditionInput(ScheduledJobConditions.LAST_RUN_SUCCEEDED, false, "RunFailed", run.name() + " failed"))
                .ifPresent(conditions::add);
        return conditions;
    }
}

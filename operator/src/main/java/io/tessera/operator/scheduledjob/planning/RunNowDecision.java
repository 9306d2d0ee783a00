package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

/**
 * A run-now request (see {@link RunAnnotations}) through the concurrency policy. Allow starts it;
 * Forbid refuses it while a run is active (recorded as a skipped manual run, no retry: the user
 * asked for a run now, not whenever); Replace deletes the active runs first. Under Forbid and
 * Replace a request arriving together with a scheduled run is served by that run, so that one
 * reconcile never starts two runs where the policy allows one. Suspend does not block a request,
 * as {@code kubectl create job --from=cronjob/...} works on a suspended CronJob.
 *
 * @param handled the request value to remember as processed
 */
record RunNowDecision(Optional<PlannedRun> run, List<String> delete, Optional<SkippedTick> refused,
        Optional<PlanEvent> event, Optional<String> handled) {

    private static final RunNowDecision NONE = new RunNowDecision(Optional.empty(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty());

    static RunNowDecision decide(PlanInput input, List<String> active, boolean scheduledRunStarts, Instant now) {
        Optional<String> token = input.runNowRequest().map(String::trim).filter(value -> !value.isEmpty());
        if (token.isEmpty() || token.equals(input.memory().lastHandledRunNow())) {
            return NONE;
        }
        String name = RunNames.manual(input.name(), token.get());
        ConcurrencyPolicy policy = input.settings().concurrencyPolicy();
        if (input.runs().stream().anyMatch(run -> run.name().equals(name)) || input.memory().recentRunNames().contains(name)) {
            // Created by an earlier reconcile whose status write did not happen (or was pruned since).
            return handledOnly(token.get(), Optional.empty());
        }
        if (policy != ConcurrencyPolicy.Allow && scheduledRunStarts) {
            return handledOnly(token.get(), Optional.of(PlanEvent.normal("RunNowServedBySchedule",
                    "The requested run is served by the scheduled run starting now (concurrency policy " + policy + ")")));
        }
        Instant requested = now.truncatedTo(ChronoUnit.SECONDS);
        if (policy == ConcurrencyPolicy.Forbid && !active.isEmpty()) {
            return new RunNowDecision(Optional.empty(), List.of(),
                    Optional.of(new SkippedTick(requested, RunTrigger.Manual, SkippedTick.CONCURRENCY_FORBID)),
                    Optional.of(PlanEvent.warning("RunNowForbidden", "Not starting the requested run because "
                            + String.join(", ", active) + " is still active and concurrency policy is Forbid")),
                    token);
        }
        PlannedRun run = new PlannedRun(name, requested, RunTrigger.Manual, token);
        return new RunNowDecision(Optional.of(run), policy == ConcurrencyPolicy.Replace ? active : List.of(),
                Optional.empty(), Optional.empty(), token);
    }

    private static RunNowDecision handledOnly(String token, Optional<PlanEvent> event) {
        return new RunNowDecision(Optional.empty(), List.of(), Optional.empty(), event, Optional.of(token));
    }
}

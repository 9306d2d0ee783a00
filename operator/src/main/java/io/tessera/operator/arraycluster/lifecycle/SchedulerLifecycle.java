package io.tessera.operator.arraycluster.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerRecovery;
import io.tessera.operator.arraycluster.scaling.WorkerState;

/**
 * Decides the scheduler pod's fate: first creation, recovery after a failure (Recreate within the
 * restart budget, or Fail), and the provisioning timeout. Pure, so every rule is a unit test.
 */
public final class SchedulerLifecycle {

    /**
     * @param recovery what a failure leads to
     * @param restartLimit recreations allowed before the cluster fails
     * @param provisioningTimeout how long a scheduler pod may take to become ready
     */
    public record Policy(SchedulerRecovery recovery, int restartLimit, Duration provisioningTimeout) {
    }

    /**
     * @param everStarted whether a scheduler pod was created for the current run (status.startTime);
     *        a missing pod then means it was lost, not that it is still to be made
     * @param restarts recreations so far in this run
     */
    public record History(boolean everStarted, int restarts) {
    }

    private SchedulerLifecycle() {
    }

    public static SchedulerAction decide(Policy policy, History history, SchedulerObservation scheduler, Instant now) {
        if (scheduler.state().orElse(null) == WorkerState.Terminating) {
            // Being deleted (by a recovery or by someone else): decide once it is gone.
            return SchedulerAction.keep();
        }
        boolean lost = scheduler.finished() || (!scheduler.present() && history.everStarted());
        if (lost) {
            String what = scheduler.present() ? "the scheduler pod " + scheduler.state().map(WorkerState::name)
                    .orElse("") : "the scheduler pod disappeared";
            if (policy.recovery() == SchedulerRecovery.Fail) {
                return SchedulerAction.fail(Failure.SCHEDULER_FAILED, what + " and faultTolerance.schedulerRecovery is Fail");
            }
            if (history.restarts() >= policy.restartLimit()) {
                return SchedulerAction.fail(Failure.SCHEDULER_RESTART_LIMIT, what + " after " + history.restarts()
                        + " restarts; faultTolerance.schedulerRestartLimit is " + policy.restartLimit());
            }
            return SchedulerAction.recreate();
        }
        if (!scheduler.present()) {
            return SchedulerAction.create();
        }
        if (!scheduler.ready() && scheduler.created().isPresent()
                && !now.isBefore(scheduler.created().get().plus(policy.provisioningTimeout()))) {
            return SchedulerAction.fail(Failure.PROVISIONING_TIMEOUT, "the scheduler pod was not ready within "
                    + "lifecycle.provisioningTimeout (" + policy.provisioningTimeout() + ")");
        }
        return SchedulerAction.keep();
    }

    /** How long until a not-ready scheduler pod hits the provisioning timeout: when to look again. */
    public static Optional<Duration> untilProvisioningTimeout(Policy policy, SchedulerObservation scheduler, Instant now) {
        if (!scheduler.present() || scheduler.ready() || scheduler.created().isEmpty()) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, scheduler.created().get().plus(policy.provisioningTimeout()));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }
}

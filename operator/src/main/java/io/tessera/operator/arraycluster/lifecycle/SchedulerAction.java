package io.tessera.operator.arraycluster.lifecycle;

import java.util.Optional;

/**
 * What the reconciler does about the scheduler pod in this pass.
 *
 * @param kind the action
 * @param failure set when the cluster must be marked Failed
 */
public record SchedulerAction(Kind kind, Optional<Failure> failure) {

    public enum Kind {
        /** Scheduler pod present (or not wanted): nothing to do. */
        Keep,
        /** No scheduler pod was ever created for this run: create one. */
        Create,
        /** The scheduler pod failed or vanished: delete what is left and create it anew, counting a restart. */
        Recreate,
        /** The cluster failed: remove its pods, keep the object and say why. */
        Fail
    }

    static SchedulerAction keep() {
        return new SchedulerAction(Kind.Keep, Optional.empty());
    }

    static SchedulerAction create() {
        return new SchedulerAction(Kind.Create, Optional.empty());
    }

    static SchedulerAction recreate() {
        return new SchedulerAction(Kind.Recreate, Optional.empty());
    }

    static SchedulerAction fail(String reason, String message) {
        return new SchedulerAction(Kind.Fail, Optional.of(new Failure(reason, message)));
    }
}

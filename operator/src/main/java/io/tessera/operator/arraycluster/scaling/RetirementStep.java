package io.tessera.operator.arraycluster.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a worker group's graceful retirement stands, and what to do about it. The scheduler's
 * retire call can take as long as moving the workers' data takes, so it runs off the reconcile
 * thread; the reconciler looks at it on each pass.
 */
public enum RetirementStep {
    /** Nothing in flight and nothing to retire. */
    None,
    /** Ask the scheduler to retire workers now. */
    Start,
    /** A retirement is running and within drainTimeout: wait for it. */
    Wait,
    /** The scheduler answered: delete exactly the pods of the workers it retired (or report its error). */
    Collect,
    /** No answer within drainTimeout: give up waiting, delete pods anyway and warn. */
    GiveUp;

    /**
     * @param startedAt when the in-flight retirement started, empty if none
     * @param done whether the in-flight retirement has an answer
     * @param wanted workers the plan wants retired now
     */
    public static RetirementStep decide(Optional<Instant> startedAt, boolean done, int wanted, Duration drainTimeout,
            Instant now) {
        if (startedAt.isEmpty()) {
            return wanted > 0 ? Start : None;
        }
        if (done) {
            return Collect;
        }
        return now.isBefore(startedAt.get().plus(drainTimeout)) ? Wait : GiveUp;
    }
}

package io.tessera.operator.arraycluster.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Idle handling: how long the scheduler has had nothing to do, and whether the configured
 * timeout has passed so the idle action is due.
 *
 * @param idleSince since when the scheduler reports idle, empty while it works
 * @param actionDue whether spec.idle.action must happen now
 * @param recheckIn when to look again (the next poll, or the moment the timeout will pass)
 */
public record IdleDecision(Optional<Instant> idleSince, boolean actionDue, Duration recheckIn) {

    public static IdleDecision decide(Optional<Instant> idleSince, Duration timeout, Duration pollInterval, Instant now) {
        if (idleSince.isEmpty()) {
            return new IdleDecision(idleSince, false, pollInterval);
        }
        Duration idleFor = Duration.between(idleSince.get(), now);
        Duration left = timeout.minus(idleFor);
        if (left.isNegative() || left.isZero()) {
            return new IdleDecision(idleSince, true, pollInterval);
        }
        return new IdleDecision(idleSince, false, left.compareTo(pollInterval) < 0 ? left : pollInterval);
    }
}

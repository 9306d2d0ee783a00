package io.tessera.operator.arraycluster.autoscaling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the autoscaler knows at one poll.
 *
 * @param current the current target (workers wanted before this decision)
 * @param pending worker pods not yet running
 * @param recommendation what the scheduler's {@code adaptive_target} returned
 * @param now the poll time (from the injected clock)
 * @param lastScaleTime when the target last changed, if ever
 * @param history earlier recommendations, any order; entries outside the window are ignored
 */
public record AutoscalerInput(int current, int pending, int recommendation, Instant now,
        Optional<Instant> lastScaleTime, List<Recommendation> history) {

    public AutoscalerInput {
        if (current < 0 || pending < 0 || recommendation < 0) {
            throw new IllegalArgumentException("worker counts cannot be negative");
        }
        history = List.copyOf(history);
    }
}

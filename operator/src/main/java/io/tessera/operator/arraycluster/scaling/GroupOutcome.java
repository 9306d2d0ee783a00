package io.tessera.operator.arraycluster.scaling;

import java.util.Optional;

/**
 * What scaling one worker group left behind.
 *
 * @param schedulerProblem why the scheduler could not retire workers, if it could not
 * @param retiring whether a graceful retirement is still in flight (look again soon)
 */
public record GroupOutcome(Optional<String> schedulerProblem, boolean retiring) {

    public static final GroupOutcome SETTLED = new GroupOutcome(Optional.empty(), false);
}

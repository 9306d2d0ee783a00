package io.tessera.operator.arraycluster.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.tessera.operator.arraycluster.lifecycle.Failure;

/**
 * Everything a reconciliation learned that the status reports.
 *
 * @param pods the cluster's pods (scheduler and workers) from the informer cache
 * @param desired workers wanted per group name, after autoscaling, clamping and idle handling
 * @param schedulerApiProblem why the scheduler's HTTP API could not be used, if it could not
 * @param failure why the cluster failed, if it did (terminal until the spec changes)
 * @param schedulerRestarts scheduler recreations in the current run
 * @param schedulerReplaced whether this pass removed or replaced the scheduler pod (a new run starts)
 * @param idle idle monitoring, when spec.idle.timeout is set and the scheduler answered
 * @param dashboardUrl where people find the Dask dashboard, empty when it is disabled
 */
public record StatusInputs(List<Pod> pods, Map<String, Integer> desired, Optional<String> schedulerApiProblem,
        Optional<Failure> failure, int schedulerRestarts, boolean schedulerReplaced, Optional<IdleReport> idle,
        Optional<String> dashboardUrl) {

    /** What the scheduler said about idleness. */
    public record IdleReport(Optional<Instant> since, boolean timedOut) {
    }
}

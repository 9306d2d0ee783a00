package io.tessera.operator.arrayjob.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.operator.arraycluster.lifecycle.Failure;

/**
 * One reconcile's decision for a run, as a pure value.
 *
 * @param startTime when the run started provisioning (kept from status, else now)
 * @param completionTime set once the run is Succeeded or Failed
 * @param failure why the run failed (reason CamelCase, message for people)
 * @param createCluster the run's cluster is missing and must be created
 * @param createRunner the cluster has an address and the runner Job is missing
 * @param resumeRunner the cluster is Ready and the runner Job is still suspended
 * @param stopRunner the run failed for a reason outside the Job: suspend it so its pods go
 * @param attempts runner pods started so far (active + succeeded + failed)
 * @param clusterReady the cluster's Ready condition is True
 * @param newlyFinished the run became Succeeded or Failed in this pass (announce it once)
 * @param recheckAfter when to look again although no watched object changes (the provisioning deadline)
 */
public record RunStep(ArrayJobPhase phase, Instant startTime, Optional<Instant> completionTime,
        Optional<Failure> failure, boolean createCluster, boolean createRunner, boolean resumeRunner,
        boolean stopRunner, int attempts, boolean clusterReady, boolean newlyFinished,
        Optional<Duration> recheckAfter) {

    public boolean finished() {
        return phase == ArrayJobPhase.Succeeded || phase == ArrayJobPhase.Failed;
    }
}

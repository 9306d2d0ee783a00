package io.tessera.operator.arrayjob.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobConditions;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.operator.arrayjob.desired.ArrayJobNames;
import io.tessera.operator.common.Conditions;

/**
 * The ArrayJob's status from one {@link RunStep}: the same step gives the same status, so an
 * unchanged run is never patched. Complete and Failed appear only once they are true, as on a
 * batch/v1 Job, so that {@code kubectl wait --for=condition=Complete} works the same way.
 */
public final class RunStatusFactory {

    private RunStatusFactory() {
    }

    public static ArrayJobStatus status(ArrayJob run, RunStep step, Clock clock) {
        ArrayJobStatus previous = Optional.ofNullable(run.getStatus()).orElseGet(ArrayJobStatus::new);
        long generation = Optional.ofNullable(run.getMetadata().getGeneration()).orElse(0L);
        List<Condition> conditions = previous.getConditions();
        if (!step.finished()) {
            conditions = Conditions.set(conditions, ArrayJobConditions.CLUSTER_READY, step.clusterReady(),
                    step.clusterReady() ? "ClusterReady" : "Provisioning",
                    step.clusterReady() ? "the run's cluster is Ready" : "waiting for the run's cluster to be Ready",
                    generation, clock);
        }
        boolean running = step.phase() == ArrayJobPhase.Running;
        conditions = Conditions.set(conditions, ArrayJobConditions.RUNNING, running, step.phase().name(),
                running ? "the runner Job is resumed" : "the runner is not running", generation, clock);
        if (step.phase() == ArrayJobPhase.Succeeded) {
            conditions = Conditions.set(conditions, ArrayJobConditions.COMPLETE, true, "RunnerSucceeded",
                    "the runner finished successfully", generation, clock);
        }
        if (step.failure().isPresent()) {
            conditions = Conditions.set(conditions, ArrayJobConditions.FAILED, true, step.failure().get().reason(),
                    step.failure().get().message(), generation, clock);
        }
        ArrayJobStatus status = new ArrayJobStatus();
        status.setObservedGeneration(generation);
        status.setConditions(conditions);
        status.setPhase(step.phase());
        status.setAttempts(step.attempts());
        status.setClusterName(ArrayJobNames.cluster(run.getMetadata().getName()));
        status.setJobName(ArrayJobNames.job(run.getMetadata().getName()));
        status.setStartTime(seconds(step.startTime()));
        status.setCompletionTime(step.completionTime().map(RunStatusFactory::seconds).orElse(null));
        status.setFailureReason(step.failure().map(f -> f.reason()).orElse(null));
        status.setFailureMessage(step.failure().map(f -> f.message()).orElse(null));
        status.setUsage(previous.getUsage());
        return status;
    }

    /**
     * The status of a run waiting for quota: phase Queued and the Admitted condition, nothing
     * started (no start time, so the provisioning deadline counts from admission, not queueing).
     */
    public static ArrayJobStatus queued(ArrayJob run, AdmissionGate.Admitted admitted, Clock clock) {
        ArrayJobStatus previous = Optional.ofNullable(run.getStatus()).orElseGet(ArrayJobStatus::new);
        long generation = Optional.ofNullable(run.getMetadata().getGeneration()).orElse(0L);
        ArrayJobStatus status = new ArrayJobStatus();
        status.setObservedGeneration(generation);
        status.setPhase(ArrayJobPhase.Queued);
        status.setConditions(previous.getConditions());
        status.setClusterName(ArrayJobNames.cluster(run.getMetadata().getName()));
        status.setJobName(ArrayJobNames.job(run.getMetadata().getName()));
        status.setAttempts(0);
        return withAdmission(status, Optional.of(admitted), generation, clock);
    }

    /** The status with the gateway's admission decision as the Admitted condition (unchanged when empty). */
    public static ArrayJobStatus withAdmission(ArrayJobStatus status, Optional<AdmissionGate.Admitted> admitted,
            long generation, Clock clock) {
        admitted.ifPresent(a -> status.setConditions(Conditions.set(status.getConditions(), ArrayJobConditions.ADMITTED,
                a.status(), a.reason(), a.message(), generation, clock)));
        return status;
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

package io.tessera.operator.arrayjob.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.operator.arraycluster.lifecycle.Failure;
import io.tessera.operator.common.Conditions;
import io.tessera.operator.environment.EnvironmentReport;

/**
 * The life of a run as a pure function of what is observed and the time: create the cluster,
 * create the runner Job suspended once the cluster has an address, resume it when the cluster is
 * Ready, and read the outcome off the Job. A run fails when the Job fails (its own reason:
 * FailedIndexes when the retries are spent, DeadlineExceeded, PodFailurePolicy), when the cluster fails
 * ({@value #CLUSTER_FAILED}), or when the cluster is not Ready within the provisioning deadline
 * ({@value #PROVISIONING_DEADLINE_EXCEEDED}). A finished run stays finished.
 */
public final class RunLifecycle {

    public static final String CLUSTER_FAILED = "ClusterFailed";
    public static final String PROVISIONING_DEADLINE_EXCEEDED = "ProvisioningDeadlineExceeded";
    public static final String RUNNER_FAILED = "RunnerFailed";
    static final long DEFAULT_PROVISIONING_DEADLINE_SECONDS = 600;

    private RunLifecycle() {
    }

    public static RunStep decide(RunObservation observed, Instant now) {
        ArrayJobStatus previous = Optional.ofNullable(observed.run().getStatus()).orElseGet(ArrayJobStatus::new);
        Instant started = parse(previous.getStartTime()).orElse(now);
        int attempts = observed.job().map(RunLifecycle::attempts).orElse(Optional.ofNullable(previous.getAttempts()).orElse(0));
        boolean clusterReady = observed.cluster().map(c -> c.getStatus()).map(ArrayClusterStatus::getConditions)
                .map(c -> Conditions.isTrue(c, ArrayClusterConditions.READY)).orElse(false);
        if (previous.getPhase() == ArrayJobPhase.Succeeded || previous.getPhase() == ArrayJobPhase.Failed) {
            Optional<Failure> failure = Optional.ofNullable(previous.getFailureReason())
                    .map(reason -> new Failure(reason, previous.getFailureMessage()));
            return new RunStep(previous.getPhase(), started, parse(previous.getCompletionTime()).or(() -> Optional.of(now)),
                    failure, false, false, false, false, attempts, clusterReady, false, Optional.empty());
        }
        Optional<Job> job = observed.job();
        boolean runnerResumed = job.map(j -> !Boolean.TRUE.equals(j.getSpec().getSuspend())).orElse(false);

        if (jobCondition(job, "Complete").isPresent()) {
            Instant done = job.map(Job::getStatus).map(JobStatus::getCompletionTime).flatMap(RunLifecycle::parse).orElse(now);
            return finished(ArrayJobPhase.Succeeded, started, done, Optional.empty(), false, attempts, clusterReady);
        }
        Optional<JobCondition> jobFailed = jobCondition(job, "Failed");
        if (jobFailed.isPresent()) {
            Failure failure = new Failure(Optional.ofNullable(jobFailed.get().getReason()).orElse(RUNNER_FAILED),
                    Optional.ofNullable(jobFailed.get().getMessage()).orElse("the runner Job failed"));
            return finished(ArrayJobPhase.Failed, started, now, Optional.of(failure), false, attempts, clusterReady);
        }
        Optional<ArrayCluster> cluster = observed.cluster();
        if (cluster.map(c -> c.getStatus()).map(ArrayClusterStatus::getPhase).orElse(null) == ArrayClusterPhase.Failed) {
            return finished(ArrayJobPhase.Failed, started, now, Optional.of(clusterFailure(cluster.get())), runnerResumed,
                    attempts, false);
        }
        Optional<Duration> recheck = Optional.empty();
        if (!runnerResumed && !clusterReady) {
            Instant deadline = started.plusSeconds(Optional.ofNullable(observed.run().getSpec().getProvisioningDeadlineSeconds())
                    .orElse(DEFAULT_PROVISIONING_DEADLINE_SECONDS));
            if (!now.isBefore(deadline)) {
                return finished(ArrayJobPhase.Failed, started, now, Optional.of(new Failure(PROVISIONING_DEADLINE_EXCEEDED,
                        "the cluster was not Ready within provisioningDeadlineSeconds ("
                                + Duration.between(started, deadline).toSeconds() + "s)")), false, attempts, false);
            }
            // Nothing the reconciler watches changes when a deadline passes: look again then.
            recheck = Optional.of(Duration.between(now, deadline).plusSeconds(1));
        }
        boolean hasAddress = cluster.map(c -> c.getStatus()).map(ArrayClusterStatus::getSchedulerAddress).isPresent();
        boolean resume = job.isPresent() && !runnerResumed && clusterReady;
        return new RunStep(runnerResumed || resume ? ArrayJobPhase.Running : ArrayJobPhase.Provisioning, started,
                Optional.empty(), Optional.empty(), cluster.isEmpty(), job.isEmpty() && hasAddress, resume, false,
                attempts, clusterReady, false, recheck);
    }

    private static RunStep finished(ArrayJobPhase phase, Instant started, Instant done, Optional<Failure> failure,
            boolean stopRunner, int attempts, boolean clusterReady) {
        return new RunStep(phase, started, Optional.of(done), failure, false, false, false, stopRunner, attempts,
                clusterReady, true, Optional.empty());
    }

    private static Failure clusterFailure(ArrayCluster cluster) {
        var ready = Conditions.find(cluster.getStatus().getConditions(), ArrayClusterConditions.READY);
        // The environment's own reason and message (the installer's words) are what the run's owner must act on.
        if (ready.filter(c -> EnvironmentReport.isFailure(c.getReason())).isPresent()) {
            return new Failure(ready.get().getReason(), ready.get().getMessage());
        }
        String why = ready.map(c -> c.getReason() + ": " + c.getMessage()).orElse("no reason given");
        return new Failure(CLUSTER_FAILED, "cluster " + cluster.getMetadata().getName() + " failed: " + why);
    }

    private static Optional<JobCondition> jobCondition(Optional<Job> job, String type) {
        return job.map(Job::getStatus).map(JobStatus::getConditions).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static int attempts(Job job) {
        JobStatus status = Optional.ofNullable(job.getStatus()).orElseGet(JobStatus::new);
        return Optional.ofNullable(status.getActive()).orElse(0) + Optional.ofNullable(status.getSucceeded()).orElse(0)
                + Optional.ofNullable(status.getFailed()).orElse(0);
    }

    static Optional<Instant> parse(String text) {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package io.tessera.operator.environment;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;

/**
 * The condition {@code EnvironmentReady} from the build Job of the content: Built once the Job is
 * Complete (with the build's duration), BuildFailed once it Failed (with the installer's own words,
 * which the image writes as the build container's termination message), Building before.
 */
public final class BuildVerdict {

    static final String RETRY_HINT = "delete Job %s or change spec.environment";

    private BuildVerdict() {
    }

    /**
     * @param job the build Job from the informer cache; empty right after the operator created it
     * @param terminationMessage the build container's terminated message, when a pod of the Job has one
     */
    public static EnvironmentReport of(EnvironmentContent content, Optional<Job> job, Optional<String> terminationMessage) {
        EnvironmentMount mount = EnvironmentMount.of(content);
        String name = EnvironmentNames.build(mount.hash());
        if (condition(job, "Complete").isPresent()) {
            return new EnvironmentReport(true, EnvironmentReport.BUILT, "environment " + mount.hash() + " built"
                    + took(job.get().getStatus()) + " by Job " + name + " (" + content.summary() + ")", Optional.of(mount));
        }
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent()) {
            String why = terminationMessage.map(String::strip).filter(m -> !m.isEmpty())
                    .or(() -> Optional.ofNullable(failed.get().getMessage()))
                    .orElse("the build Job failed (" + failed.get().getReason() + ")");
            return new EnvironmentReport(false, EnvironmentReport.BUILD_FAILED, "building environment " + mount.hash()
                    + " failed: " + why + "; to retry: " + String.format(RETRY_HINT, name), Optional.of(mount));
        }
        return new EnvironmentReport(false, EnvironmentReport.BUILDING, "Job " + name + " is building environment "
                + mount.hash() + " (" + content.summary() + "); the cluster's pods start once it completed",
                Optional.of(mount));
    }

    /** Whether the Job ended in failure (its pods' messages are then worth reading). */
    public static boolean failed(Optional<Job> job) {
        return condition(job, "Failed").isPresent();
    }

    private static String took(JobStatus status) {
        Optional<Instant> start = instant(status.getStartTime());
        Optional<Instant> end = instant(status.getCompletionTime());
        return start.isPresent() && end.isPresent()
                ? " in " + HumanDuration.format(Duration.between(start.get(), end.get())) : "";
    }

    private static Optional<JobCondition> condition(Optional<Job> job, String type) {
        return job.map(Job::getStatus).map(JobStatus::getConditions).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

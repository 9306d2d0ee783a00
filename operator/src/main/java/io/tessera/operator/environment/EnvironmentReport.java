package io.tessera.operator.environment;

import java.time.Duration;
import java.util.Optional;

/**
 * What the condition {@code EnvironmentReady} of an ArrayCluster says, and what follows from it:
 * pods only when {@link #ready()}; the cluster Failed while {@link #failed()} (a user's change is
 * needed: a retry of the same content would fail the same way); a look again after
 * {@link #retryAfter()} for problems no watched object announces the end of.
 *
 * @param mount how the pods mount the environment; present once the content is known
 */
public record EnvironmentReport(boolean ready, String reason, String message, Optional<EnvironmentMount> mount) {

    public static final String BUILT = "Built";
    public static final String BUILDING = "Building";
    public static final String BUILD_FAILED = "BuildFailed";
    public static final String CONDA_UNAVAILABLE = "CondaUnavailable";
    public static final String LOCKFILE_NOT_FOUND = "LockfileNotFound";
    public static final String CACHE_UNAVAILABLE = "CacheUnavailable";
    /** Nothing announces a created lockfile ConfigMap or a cache that became possible (RBAC, quota). */
    static final Duration RETRY = Duration.ofSeconds(10);

    public static EnvironmentReport problem(String reason, String message) {
        return new EnvironmentReport(false, reason, message, Optional.empty());
    }

    /** Whether the reason makes the cluster Failed until spec.environment changes or the build is retried. */
    public static boolean isFailure(String reason) {
        return BUILD_FAILED.equals(reason) || CONDA_UNAVAILABLE.equals(reason);
    }

    public boolean failed() {
        return isFailure(reason);
    }

    public Optional<Duration> retryAfter() {
        return LOCKFILE_NOT_FOUND.equals(reason) || CACHE_UNAVAILABLE.equals(reason) ? Optional.of(RETRY)
                : Optional.empty();
    }

    /** The event reason recorded when the condition changes to this report: EnvironmentBuilt, EnvironmentBuildFailed, ... */
    public String eventReason() {
        return "Environment" + reason;
    }
}

package io.tessera.operator.arrayjob.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpec;
import io.tessera.api.v1alpha1.arrayjob.spec.CleanupAction;
import io.tessera.api.v1alpha1.arrayjob.spec.CleanupSpec;
import io.tessera.operator.common.GoDuration;

/**
 * What to remove after a run finished, as a pure function of the spec, the outcome, the completion
 * time and now. The cluster follows {@code cleanup.onSuccess} (default Delete) or
 * {@code cleanup.onFailure} (default KeepFor, so logs and the dashboard can be read); the whole run
 * goes at {@code ttlSecondsAfterFinished}, taking everything it owns with it.
 *
 * @param deleteCluster remove the run's cluster now
 * @param deleteRun remove the ArrayJob now (TTL)
 * @param recheckAfter the next of these deadlines still ahead
 */
public record CleanupDecision(boolean deleteCluster, boolean deleteRun, Optional<Duration> recheckAfter) {

    static final CleanupAction DEFAULT_ON_SUCCESS = CleanupAction.Delete;
    static final CleanupAction DEFAULT_ON_FAILURE = CleanupAction.KeepFor;
    static final Duration DEFAULT_KEEP_FOR = Duration.ofHours(1);

    public static CleanupDecision decide(ArrayJobSpec spec, boolean succeeded, Instant completion, Instant now) {
        Optional<CleanupSpec> cleanup = Optional.ofNullable(spec.getCleanup());
        CleanupAction action = succeeded
                ? cleanup.map(CleanupSpec::getOnSuccess).orElse(DEFAULT_ON_SUCCESS)
                : cleanup.map(CleanupSpec::getOnFailure).orElse(DEFAULT_ON_FAILURE);
        Optional<Instant> clusterDeadline = switch (action) {
            case Delete -> Optional.of(completion);
            case Keep -> Optional.empty();
            case KeepFor -> Optional.of(completion.plus(GoDuration.parseOr(
                    cleanup.map(CleanupSpec::getKeepFor).orElse(null), DEFAULT_KEEP_FOR)));
        };
        Optional<Instant> runDeadline = Optional.ofNullable(spec.getTtlSecondsAfterFinished())
                .map(ttl -> completion.plusSeconds(ttl));
        boolean deleteCluster = clusterDeadline.map(deadline -> !now.isBefore(deadline)).orElse(false);
        boolean deleteRun = runDeadline.map(deadline -> !now.isBefore(deadline)).orElse(false);
        Optional<Duration> recheck = Stream.of(clusterDeadline, runDeadline).flatMap(Optional::stream)
                .filter(now::isBefore).min(Instant::compareTo).map(deadline -> Duration.between(now, deadline));
        return new CleanupDecision(deleteCluster, deleteRun, recheck);
    }
}

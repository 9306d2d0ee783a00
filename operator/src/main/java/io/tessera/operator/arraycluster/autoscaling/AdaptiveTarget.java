package io.tessera.operator.arraycluster.autoscaling;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.AutoscalerStatus;
import io.tessera.api.v1alpha1.arraycluster.status.RecommendationRecord;
import io.tessera.operator.arraycluster.scheduler.SchedulerApi;
import io.tessera.operator.arraycluster.scheduler.SchedulerUnreachableException;

/**
 * One Adaptive-mode poll: asks the scheduler for its target, applies {@link AutoscalerPolicy} with
 * the history kept in status, and returns the decision as the new autoscaler status. The decision
 * goes to status only, never to spec, so GitOps and HPA never fight it.
 */
public final class AdaptiveTarget {

    /** How often the scheduler is asked when spec.autoscaling.interval is unset. */
    public static final java.time.Duration DEFAULT_INTERVAL = java.time.Duration.ofSeconds(5);

    /** The primary group's target, the autoscaler status to write, and a problem to report, if any. */
    public record Result(int target, AutoscalerStatus status, Optional<String> problem) {
    }

    private AdaptiveTarget() {
    }

    public static Result poll(ArrayCluster cluster, int pending, SchedulerApi api, Clock clock) {
        AutoscalerSettings settings = AutoscalerSettings.from(cluster.getSpec());
        AutoscalerStatus previous = Optional.ofNullable(cluster.getStatus()).map(ArrayClusterStatus::getAutoscaler)
                .orElseGet(AutoscalerStatus::new);
        // Unclamped on purpose: when the bounds moved, the policy reports BoundsChanged and follows them at once.
        int current = Optional.ofNullable(previous.getTarget()).orElse(settings.minReplicas());
        int recommendation;
        try {
            recommendation = api.adaptiveTarget();
        } catch (SchedulerUnreachableException e) {
            // Keep the last decision: without the scheduler nothing is known about the work.
            return new Result(settings.clamp(current), previous, Optional.of(e.getMessage()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AutoscalerDecision decision = AutoscalerPolicy.decide(settings, new AutoscalerInput(current, pending,
                recommendation, now, Optional.ofNullable(previous.getLastScaleTime()).map(Instant::parse),
                history(previous)));
        AutoscalerStatus status = new AutoscalerStatus();
        status.setRecommendation(recommendation);
        status.setTarget(decision.target());
        status.setReason(decision.reason().name());
        status.setLastPollTime(now.toString());
        status.setLastScaleTime(decision.changes(current) ? now.toString() : previous.getLastScaleTime());
        status.setRecentRecommendations(decision.history().stream().map(AdaptiveTarget::record).toList());
        return new Result(decision.target(), status, Optional.empty());
    }

    private static List<Recommendation> history(AutoscalerStatus status) {
        return Optional.ofNullable(status.getRecentRecommendations()).orElse(List.of()).stream()
                .map(r -> new Recommendation(Instant.parse(r.getTime()), r.getWorkers())).toList();
    }

    private static RecommendationRecord record(Recommendation recommendation) {
        RecommendationRecord record = new RecommendationRecord();
        record.setTime(recommendation.at().toString());
        record.setWorkers(recommendation.workers());
        return record;
    }
}

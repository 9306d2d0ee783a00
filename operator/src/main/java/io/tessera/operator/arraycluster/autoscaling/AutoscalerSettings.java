package io.tessera.operator.arraycluster.autoscaling;

import java.time.Duration;
import java.util.Optional;

import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.WorkerSpec;
import io.tessera.operator.common.GoDuration;

/**
 * The autoscaling policy of one cluster's primary worker group with every default applied.
 *
 * @param maxScaleUpStep most workers added per decision, {@link Integer#MAX_VALUE} when unlimited
 * @param maxScaleDownStep most workers removed per decision, {@link Integer#MAX_VALUE} when unlimited
 */
public record AutoscalerSettings(int minReplicas, int maxReplicas, int maxScaleUpStep, int maxScaleDownStep,
        Duration stabilizationWindow, Duration cooldown, boolean holdScaleDownWhilePending) {

    /** Defaults documented in the CRD for fields left unset (also when the whole section is absent). */
    static final Duration DEFAULT_STABILIZATION_WINDOW = Duration.ofSeconds(60);
    static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(10);

    public AutoscalerSettings {
        if (minReplicas < 0 || maxReplicas < minReplicas) {
            throw new IllegalArgumentException("need 0 <= minReplicas <= maxReplicas, got " + minReplicas + ".."
                    + maxReplicas);
        }
        if (maxScaleUpStep < 1 || maxScaleDownStep < 1) {
            throw new IllegalArgumentException("scale steps must be at least 1");
        }
    }

    /** The worker count within minReplicas..maxReplicas. */
    public int clamp(int workers) {
        return Math.max(minReplicas, Math.min(maxReplicas, workers));
    }

    /** Reads the settings from a cluster spec; an unset maxReplicas means "no more than minReplicas". */
    public static AutoscalerSettings from(ArrayClusterSpec spec) {
        WorkerSpec worker = Optional.ofNullable(spec.getWorker()).orElseGet(WorkerSpec::new);
        AutoscalingSpec autoscaling = Optional.ofNullable(spec.getAutoscaling()).orElseGet(AutoscalingSpec::new);
        int min = Optional.ofNullable(worker.getMinReplicas()).orElse(0);
        int max = Optional.ofNullable(worker.getMaxReplicas()).orElse(min);
        return new AutoscalerSettings(min, max,
                Optional.ofNullable(autoscaling.getMaxScaleUpStep()).orElse(Integer.MAX_VALUE),
                Optional.ofNullable(autoscaling.getMaxScaleDownStep()).orElse(Integer.MAX_VALUE),
                GoDuration.parseOr(autoscaling.getStabilizationWindow(), DEFAULT_STABILIZATION_WINDOW),
                GoDuration.parseOr(autoscaling.getCooldown(), DEFAULT_COOLDOWN),
                Optional.ofNullable(autoscaling.getHoldScaleDownWhilePending()).orElse(true));
    }
}

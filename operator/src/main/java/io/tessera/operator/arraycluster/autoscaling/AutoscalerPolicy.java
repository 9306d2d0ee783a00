package io.tessera.operator.arraycluster.autoscaling;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns the scheduler's adaptive target into the number of workers to run, the way the
 * Kubernetes HPA behaviour API does: clamp to the bounds, hold scale-downs for the stabilisation
 * window (the highest recent recommendation wins), respect the cooldown, do not scale down while
 * workers are pending, and limit the size of each step. Pure: time and history come in as input.
 */
public final class AutoscalerPolicy {

    private AutoscalerPolicy() {
    }

    public static AutoscalerDecision decide(AutoscalerSettings settings, AutoscalerInput input) {
        int clamped = settings.clamp(input.recommendation());
        List<Recommendation> history = remember(settings, input, clamped);
        if (input.current() < settings.minReplicas() || input.current() > settings.maxReplicas()) {
            // The user moved the bounds: follow them at once, step limits and cooldown do not apply.
            return new AutoscalerDecision(settings.clamp(input.current()), DecisionReason.BoundsChanged, history);
        }
        DecisionReason clampReason = clampReason(input.recommendation(), clamped);
        int wanted = clamped;
        DecisionReason reason = clampReason;
        if (wanted < input.current()) {
            int stabilized = history.stream().mapToInt(Recommendation::workers).max().orElse(wanted);
            if (stabilized > wanted) {
                wanted = Math.min(stabilized, input.current());
                reason = DecisionReason.Stabilizing;
            }
        }
        if (wanted == input.current()) {
            return new AutoscalerDecision(wanted, reason == null ? DecisionReason.Unchanged : reason, history);
        }
        if (coolingDown(settings, input)) {
            return new AutoscalerDecision(input.current(), DecisionReason.CoolingDown, history);
        }
        if (wanted < input.current() && settings.holdScaleDownWhilePending() && input.pending() > 0) {
            return new AutoscalerDecision(input.current(), DecisionReason.HeldWhilePending, history);
        }
        int stepped = step(settings, input.current(), wanted);
        if (stepped != wanted) {
            return new AutoscalerDecision(stepped, DecisionReason.StepLimited, history);
        }
        if (reason == null) {
            reason = wanted > input.current() ? DecisionReason.ScaledUp : DecisionReason.ScaledDown;
        }
        return new AutoscalerDecision(wanted, reason, history);
    }

    private static DecisionReason clampReason(int recommendation, int clamped) {
        if (recommendation > clamped) {
            return DecisionReason.ClampedToMax;
        }
        return recommendation < clamped ? DecisionReason.ClampedToMin : null;
    }

    /** History within the window plus this recommendation, oldest first (deterministic for status). */
    private static List<Recommendation> remember(AutoscalerSettings settings, AutoscalerInput input, int clamped) {
        Instant oldest = input.now().minus(settings.stabilizationWindow());
        return Stream.concat(input.history().stream().filter(r -> r.at().isAfter(oldest) && !r.at().isAfter(input.now())),
                        Stream.of(new Recommendation(input.now(), clamped)))
                .sorted(Comparator.comparing(Recommendation::at))
                .toList();
    }

    private static boolean coolingDown(AutoscalerSettings settings, AutoscalerInput input) {
        return input.lastScaleTime().map(last -> input.now().isBefore(last.plus(settings.cooldown()))).orElse(false);
    }

    private static int step(AutoscalerSettings settings, int current, int wanted) {
        if (wanted > current) {
            return (int) Math.min(wanted, (long) current + settings.maxScaleUpStep());
        }
        return (int) Math.max(wanted, (long) current - settings.maxScaleDownStep());
    }
}

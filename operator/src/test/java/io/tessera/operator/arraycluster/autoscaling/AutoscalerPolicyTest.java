package io.tessera.operator.arraycluster.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpecBuilder;

/** The autoscaling policy over a fake clock: every rule on its own, then a whole episode. */
class AutoscalerPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    /** 1..10 workers, steps unlimited, 60 s window, 10 s cooldown, hold while pending. */
    private static final AutoscalerSettings DEFAULTS = new AutoscalerSettings(1, 10, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Duration.ofSeconds(60), Duration.ofSeconds(10), true);

    @ParameterizedTest(name = "current {0}, scheduler asks {1} => {2} ({3})")
    @CsvSource({
            "3, 3, 3, Unchanged",
            "3, 7, 7, ScaledUp",
            "3, 50, 10, ClampedToMax",
            "3, 0, 1, ClampedToMin",
            "10, 12, 10, ClampedToMax",
            "1, 0, 1, ClampedToMin" })
    void shouldFollowTheSchedulerWithinTheBounds(int current, int recommendation, int target, DecisionReason reason) {
        AutoscalerDecision decision = AutoscalerPolicy.decide(DEFAULTS, input(current, 0, recommendation, T0));

        assertThat(decision.target()).isEqualTo(target);
        assertThat(decision.reason()).isEqualTo(reason);
    }

    @Test
    void shouldScaleDownWhenNothingHigherWasAskedWithinTheWindow() {
        AutoscalerDecision decision = AutoscalerPolicy.decide(DEFAULTS, input(8, 0, 2, T0,
                new Recommendation(T0.minusSeconds(61), 8)));

        assertThat(decision.target()).isEqualTo(2);
        assertThat(decision.reason()).isEqualTo(DecisionReason.ScaledDown);
        assertThat(decision.history()).containsExactly(new Recommendation(T0, 2));
    }

    @Test
    void shouldHoldScaleDownToTheHighestRecommendationWithinTheWindow() {
        AutoscalerDecision decision = AutoscalerPolicy.decide(DEFAULTS, input(8, 0, 2, T0,
                new Recommendation(T0.minusSeconds(50), 6), new Recommendation(T0.minusSeconds(20), 4)));

        assertThat(decision.target()).isEqualTo(6);
        assertThat(decision.reason()).isEqualTo(DecisionReason.Stabilizing);
        assertThat(decision.history()).extracting(Recommendation::workers).containsExactly(6, 4, 2);
    }

    @Test
    void shouldNotStabilizeScaleUps() {
        AutoscalerDecision decision = AutoscalerPolicy.decide(DEFAULTS, input(2, 0, 9, T0,
                new Recommendation(T0.minusSeconds(5), 2)));

        assertThat(decision.target()).isEqualTo(9);
    }

    @Test
    void shouldWaitForTheCooldownInBothDirections() {
        Optional<Instant> justScaled = Optional.of(T0.minusSeconds(9));

        AutoscalerDecision up = AutoscalerPolicy.decide(DEFAULTS,
                new AutoscalerInput(3, 0, 6, T0, justScaled, List.of()));
        AutoscalerDecision later = AutoscalerPolicy.decide(DEFAULTS,
                new AutoscalerInput(3, 0, 6, T0.plusSeconds(1), justScaled, List.of()));

        assertThat(up.target()).isEqualTo(3);
        assertThat(up.reason()).isEqualTo(DecisionReason.CoolingDown);
        assertThat(later.target()).isEqualTo(6);
    }

    @Test
    void shouldNotScaleDownWhileWorkersArePending() {
        AutoscalerDecision held = AutoscalerPolicy.decide(DEFAULTS, input(6, 2, 3, T0));
        AutoscalerDecision notHeld = AutoscalerPolicy.decide(withHold(false), input(6, 2, 3, T0));
        AutoscalerDecision upWhilePending = AutoscalerPolicy.decide(DEFAULTS, input(6, 2, 8, T0));

        assertThat(held.target()).isEqualTo(6);
        assertThat(held.reason()).isEqualTo(DecisionReason.HeldWhilePending);
        assertThat(notHeld.target()).isEqualTo(3);
        assertThat(upWhilePending.target()).isEqualTo(8);
    }

    @ParameterizedTest(name = "current {0}, asks {1}, steps up {2}/down {3} => {4}")
    @CsvSource({
            "2, 10, 3, 1, 5",
            "9, 1, 3, 2, 7",
            "2, 4, 3, 1, 4" })
    void shouldLimitEachStep(int current, int recommendation, int up, int down, int target) {
        AutoscalerSettings steps = new AutoscalerSettings(1, 10, up, down, Duration.ZERO, Duration.ZERO, true);

        AutoscalerDecision decision = AutoscalerPolicy.decide(steps, input(current, 0, recommendation, T0));

        assertThat(decision.target()).isEqualTo(target);
        assertThat(decision.reason()).isEqualTo(target == recommendation ? (target > current
                ? DecisionReason.ScaledUp : DecisionReason.ScaledDown) : DecisionReason.StepLimited);
    }

    @Test
    void shouldFollowNewBoundsAtOnceEvenWhileCoolingDown() {
        AutoscalerSettings lowered = new AutoscalerSettings(0, 4, 1, 1, Duration.ofMinutes(5), Duration.ofMinutes(5), true);

        AutoscalerDecision decision = AutoscalerPolicy.decide(lowered,
                new AutoscalerInput(9, 3, 9, T0, Optional.of(T0), List.of()));

        assertThat(decision.target()).isEqualTo(4);
        assertThat(decision.reason()).isEqualTo(DecisionReason.BoundsChanged);
    }

    @Test
    void shouldRunAWholeEpisodeOnAFakeClock() {
        AutoscalerSettings settings = new AutoscalerSettings(0, 20, 8, 4, Duration.ofSeconds(30),
                Duration.ofSeconds(10), true);
        int[] asked = { 12, 12, 12, 12, 0, 0, 0, 0, 0, 0, 0, 0 };
        int[] pending = { 0, 8, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        int current = 0;
        Optional<Instant> lastScale = Optional.empty();
        List<Recommendation> history = List.of();
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < asked.length; i++) {
            Instant now = T0.plusSeconds(10L * i);
            AutoscalerDecision d = AutoscalerPolicy.decide(settings,
                    new AutoscalerInput(current, pending[i], asked[i], now, lastScale, history));
            if (d.changes(current)) {
                lastScale = Optional.of(now);
            }
            current = d.target();
            history = d.history();
            trace.append(current).append(' ').append(d.reason()).append('\n');
        }

        assertThat(trace.toString()).isEqualTo("""
                8 StepLimited
                12 ScaledUp
                12 Unchanged
                12 Unchanged
                12 Stabilizing
                12 Stabilizing
                8 StepLimited
                4 StepLimited
                0 ScaledDown
                0 Unchanged
                0 Unchanged
                0 Unchanged
                """);
    }

    @Test
    void shouldReadSettingsWithDocumentedDefaults() {
        AutoscalerSettings bare = AutoscalerSettings.from(new ArrayClusterSpecBuilder().build());
        AutoscalerSettings full = AutoscalerSettings.from(new ArrayClusterSpecBuilder()
                .withNewWorker().withMinReplicas(2).withMaxReplicas(30).endWorker()
                .withNewAutoscaling().withMaxScaleUpStep(5).withMaxScaleDownStep(1).withStabilizationWindow("2m")
                .withCooldown("0s").withHoldScaleDownWhilePending(false).endAutoscaling().build());

        assertThat(bare).isEqualTo(new AutoscalerSettings(0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Duration.ofSeconds(60), Duration.ofSeconds(10), true));
        assertThat(full).isEqualTo(new AutoscalerSettings(2, 30, 5, 1, Duration.ofMinutes(2), Duration.ZERO, false));
    }

    private static AutoscalerSettings withHold(boolean hold) {
        return new AutoscalerSettings(1, 10, Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofSeconds(60),
                Duration.ofSeconds(10), hold);
    }

    private static AutoscalerInput input(int current, int pending, int recommendation, Instant now,
            Recommendation... history) {
        return new AutoscalerInput(current, pending, recommendation, now, Optional.empty(), List.of(history));
    }
}

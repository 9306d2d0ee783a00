package io.tessera.operator.arraycluster.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetirementStepTest {

    private static final Instant STARTED = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration DRAIN = Duration.ofMinutes(10);

    @Test
    void shouldStartOnlyWhenWorkersMustGoAndNothingIsInFlight() {
        assertThat(RetirementStep.decide(Optional.empty(), false, 0, DRAIN, STARTED)).isEqualTo(RetirementStep.None);
        assertThat(RetirementStep.decide(Optional.empty(), false, 2, DRAIN, STARTED)).isEqualTo(RetirementStep.Start);
    }

    @Test
    void shouldWaitForTheSchedulerWithinTheDrainTimeoutThenGiveUp() {
        assertThat(RetirementStep.decide(Optional.of(STARTED), false, 2, DRAIN, STARTED.plus(DRAIN).minusMillis(1)))
                .isEqualTo(RetirementStep.Wait);
        assertThat(RetirementStep.decide(Optional.of(STARTED), false, 2, DRAIN, STARTED.plus(DRAIN)))
                .isEqualTo(RetirementStep.GiveUp);
    }

    @Test
    void shouldCollectAnAnswerEvenIfTheTargetMovedMeanwhile() {
        assertThat(RetirementStep.decide(Optional.of(STARTED), true, 0, DRAIN, STARTED.plusSeconds(5)))
                .isEqualTo(RetirementStep.Collect);
    }
}

package io.tessera.operator.arraycluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class IdleDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofSeconds(30);

    @Test
    void shouldPollAgainWhileTheSchedulerWorks() {
        IdleDecision decision = IdleDecision.decide(Optional.empty(), TIMEOUT, POLL, NOW);

        assertThat(decision.actionDue()).isFalse();
        assertThat(decision.recheckIn()).isEqualTo(POLL);
    }

    @Test
    void shouldLookAgainExactlyWhenTheTimeoutWillPass() {
        IdleDecision decision = IdleDecision.decide(Optional.of(NOW.minusSeconds(590)), TIMEOUT, POLL, NOW);

        assertThat(decision.actionDue()).isFalse();
        assertThat(decision.recheckIn()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldActOnceIdleForTheWholeTimeout() {
        assertThat(IdleDecision.decide(Optional.of(NOW.minus(TIMEOUT)), TIMEOUT, POLL, NOW).actionDue()).isTrue();
        assertThat(IdleDecision.decide(Optional.of(NOW.minus(TIMEOUT).plusMillis(1)), TIMEOUT, POLL, NOW).actionDue())
                .isFalse();
    }
}

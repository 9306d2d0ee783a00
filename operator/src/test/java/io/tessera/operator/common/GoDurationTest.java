package io.tessera.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "90s, PT1M30S",
            "5m, PT5M",
            "1h30m, PT1H30M",
            "1.5s, PT1.5S",
            "250ms, PT0.25S",
            "0s, PT0S",
            "2h0m10s, PT2H10S",
            "1m1m, PT2M" })
    void shouldParseGoDurations(String text, String expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "5", "5 minutes", "-5s", "1d", "s", "1.s", "PT5M" })
    void shouldRejectAnythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @org.junit.jupiter.api.Test
    void shouldFallBackOnlyForUnsetValues() {
        assertThat(GoDuration.parseOr(null, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(GoDuration.parseOr("3s", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(3));
    }
}

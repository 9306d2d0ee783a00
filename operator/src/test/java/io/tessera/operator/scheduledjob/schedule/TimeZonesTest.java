package io.tessera.operator.scheduledjob.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeZonesTest {

    private static final ZoneId OPERATOR = ZoneId.of("Asia/Tokyo");

    @ParameterizedTest
    @ValueSource(strings = { "Europe/Berlin", "America/New_York", "US/Eastern", "Etc/GMT+2", "America/Argentina/Buenos_Aires" })
    void shouldAcceptIanaNames(String name) {
        assertThat(TimeZones.resolve(Optional.of(name), OPERATOR)).isEqualTo(ZoneId.of(name));
    }

    @Test
    void shouldUseTheOperatorZoneWhenUnsetAndKnowUtc() {
        assertThat(TimeZones.resolve(Optional.empty(), OPERATOR)).isEqualTo(OPERATOR);
        assertThat(TimeZones.resolve(Optional.of("UTC"), OPERATOR)).isEqualTo(ZoneOffset.UTC);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Mars/Olympus_Mons", "europe/berlin", "Local", "+02:00", "GMT+2", "Z", "CET " })
    void shouldRejectWhatGoCannotLoad(String name) {
        assertThatThrownBy(() -> TimeZones.resolve(Optional.of(name), OPERATOR))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("unknown time zone '" + name + "': use an IANA name such as Europe/Berlin or America/New_York")
                .extracting(e -> ((InvalidScheduleException) e).reason()).isEqualTo("UnknownTimeZone");
    }
}

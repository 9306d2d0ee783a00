package io.tessera.operator.scheduledjob.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RunNamesTest {

    @Test
    void shouldNameScheduledRunsAfterTheMinuteOfTheirTickAsCronJob() {
        assertThat(RunNames.scheduled("nightly", Instant.parse("2016-05-19T10:00:00Z"))).isEqualTo("nightly-24394200");
        assertThat(RunNames.scheduled("nightly", Instant.parse("2016-05-19T10:00:59Z"))).isEqualTo("nightly-24394200");
        assertThat(RunNames.tickOf("nightly", "nightly-24394200")).contains(Instant.parse("2016-05-19T10:00:00Z"));
    }

    @Test
    void shouldNameManualRunsAfterTheRequestAndKeepThemApart() {
        assertThat(RunNames.manual("nightly", "a")).isEqualTo("nightly-mca978112").isEqualTo(RunNames.manual("nightly", "a"));
        assertThat(RunNames.manual("nightly", "b")).isNotEqualTo(RunNames.manual("nightly", "a"));
        assertThat(RunNames.tickOf("nightly", RunNames.manual("nightly", "a"))).isEmpty();
        assertThat(RunNames.tickOf("nightly", "other-24394200")).isEmpty();
        assertThat(RunNames.tickOf("nightly", "nightly-")).isEmpty();
    }

    @Test
    void shouldFitSixtyThreeCharactersForTheLongestAllowedName() {
        String longest = "n".repeat(52);

        assertThat(RunNames.scheduled(longest, Instant.parse("2286-11-20T17:46:39Z"))).hasSizeLessThanOrEqualTo(63);
        assertThat(RunNames.manual(longest, "any request")).hasSize(62);
    }
}

package io.tessera.operator.scheduledjob.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go's time.Date on wall times that do not exist or exist twice (derived from its source: the
 * offset of the wall time read as UTC, then the offset at the corrected instant). Where java.time
 * would answer differently the comment says so: these are the cases a plain ZonedDateTime port of
 * robfig's Next would get wrong.
 */
class GoTimeTest {

    @ParameterizedTest(name = "{0} {1}-{2}-{3} {4}:{5}")
    @CsvSource({
            // skipped 02:30 in New York resolves backwards to 01:30 EST (java.time: 03:30 EDT)
            "America/New_York, 2012, 3, 11, 2, 30, 2012-03-11T06:30:00Z",
            // skipped 02:30 in Berlin resolves forwards to 03:30 CEST (as java.time)
            "Europe/Berlin,    2026, 3, 29, 2, 30, 2026-03-29T01:30:00Z",
            // repeated 01:30 in New York: the first, EDT (as java.time)
            "America/New_York, 2012, 11, 4, 1, 30, 2012-11-04T05:30:00Z",
            // repeated 02:30 in Berlin: the second, CET (java.time: the first, CEST)
            "Europe/Berlin,    2026, 10, 25, 2, 30, 2026-10-25T01:30:00Z",
            // fields overflow like Go's: month 13 is January, day 32 of January is February 1st
            "UTC,              2026, 13, 32, 25, 0, 2027-02-02T01:00:00Z" })
    void shouldResolveWallTimesLikeGo(String zone, int year, int month, int day, int hour, int minute, String expected) {
        assertThat(Instant.ofEpochSecond(GoTime.date(year, month, day, hour, minute, 0, ZoneId.of(zone).getRules())))
                .isEqualTo(Instant.parse(expected));
    }
}

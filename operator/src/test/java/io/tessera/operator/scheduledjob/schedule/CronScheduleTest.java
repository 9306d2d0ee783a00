package io.tessera.operator.scheduledjob.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class CronScheduleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{2} in {0} after {1}: {3}")
    @CsvFileSource(resources = { "/scheduledjob/cron-next.csv", "/scheduledjob/cron-next-random.csv" }, delimiter = '|')
    void shouldFireExactlyWhenRobfigFires(String zone, String after, String schedule, String expected) {
        CronSchedule cron = CronParser.parse(schedule, ZoneId.of(zone));

        if (expected == null) {
            assertThat(cron.next(instant(after))).isEmpty();
        } else {
            assertThat(cron.next(instant(after))).contains(instant(expected));
        }
    }

    @Test
    void shouldSkipA0230DailyJobOnTheSpringForwardDay() {
        // robfig spec_test "2am nightly job (skipped)": 02:00-02:59 do not exist that day, and
        // robfig advances hours as durations, so the job neither runs at 03:00 nor at 03:30.
        assertThat(ticks("30 2 * * *", NEW_YORK, "2026-03-07T00:00:00-05:00", 3)).containsExactly(
                "2026-03-07T02:30-05:00", "2026-03-09T02:30-04:00", "2026-03-10T02:30-04:00");
        assertThat(ticks("30 2 * * *", BERLIN, "2026-03-28T00:00:00+01:00", 3)).containsExactly(
                "2026-03-28T02:30+01:00", "2026-03-30T02:30+02:00", "2026-03-31T02:30+02:00");
    }

    @Test
    void shouldRunARepeatedWallTimeTwiceOnTheFallBackDay() {
        // robfig spec_test "1am nightly job (runs twice)": once per offset of the repeated hour.
        assertThat(ticks("30 1 * * *", NEW_YORK, "2026-10-31T12:00:00-04:00", 3)).containsExactly(
                "2026-11-01T01:30-04:00", "2026-11-01T01:30-05:00", "2026-11-02T01:30-05:00");
        assertThat(ticks("30 2 * * *", BERLIN, "2026-10-24T12:00:00+02:00", 3)).containsExactly(
                "2026-10-25T02:30+02:00", "2026-10-25T02:30+01:00", "2026-10-26T02:30+01:00");
    }

    @Test
    void shouldKeepHourlyJobsOnTheHourAcrossBothTransitions() {
        assertThat(ticks("0 * * * *", BERLIN, "2026-03-29T00:30:00+01:00", 3)).containsExactly(
                "2026-03-29T01:00+01:00", "2026-03-29T03:00+02:00", "2026-03-29T04:00+02:00");
        assertThat(ticks("0 * * * *", BERLIN, "2026-10-25T01:30:00+02:00", 4)).containsExactly(
                "2026-10-25T02:00+02:00", "2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00",
                "2026-10-25T04:00+01:00");
    }

    @Test
    void shouldReturnWholeMinutesStrictlyAfterTheGivenInstant() {
        CronSchedule everyMinute = CronParser.parse("* * * * *", ZoneId.of("UTC"));

        assertThat(everyMinute.next(Instant.parse("2026-01-01T10:00:00Z"))).contains(Instant.parse("2026-01-01T10:01:00Z"));
        assertThat(everyMinute.next(Instant.parse("2026-01-01T10:00:59.999Z")))
                .contains(Instant.parse("2026-01-01T10:01:00Z"));
    }

    @Test
    void shouldNeverFireWhenAFieldListsNoValue() {
        assertThat(CronParser.parse(", * * * *", ZoneId.of("UTC")).next(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
    }

    private static List<String> ticks(String schedule, ZoneId zone, String after, int count) {
        CronSchedule cron = CronParser.parse(schedule, zone);
        List<String> result = new ArrayList<>();
        Instant t = instant(after);
        for (int i = 0; i < count; i++) {
            t = cron.next(t).orElseThrow();
            result.add(OffsetDateTime.ofInstant(t, zone).toString());
        }
        return result;
    }

    private static Instant instant(String rfc3339) {
        return OffsetDateTime.parse(rfc3339).toInstant();
    }
}

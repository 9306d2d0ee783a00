package io.tessera.operator.scheduledjob.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronParserTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "MINUTE       | *        | 0-59 *",
            "MINUTE       | ?        | 0-59 *",
            "MINUTE       | */1      | 0-59 *",
            "MINUTE       | */15     | 0 15 30 45",
            "MINUTE       | 5/15     | 5 20 35 50",
            "MINUTE       | 10-20/5  | 10 15 20",
            "MINUTE       | 1,2,5-7  | 1 2 5-7",
            "MINUTE       | 1,,2     | 1 2",
            "MINUTE       | *-5      | 0-59 *",
            "MINUTE       | +5       | 5",
            "MINUTE       | 05       | 5",
            "MINUTE       | 0/100    | 0",
            "HOUR         | 9-17/4   | 9 13 17",
            "HOUR         | 1/99999999999999999 | 1",
            "DAY_OF_MONTH | *        | 1-31 *",
            "DAY_OF_MONTH | */10     | 1 11 21 31",
            "MONTH        | jan-MAR  | 1-3",
            "MONTH        | JAN,Dec  | 1 12",
            "MONTH        | feb/3    | 2 5 8 11",
            "DAY_OF_WEEK  | mon-fri  | 1-5",
            "DAY_OF_WEEK  | sat,SUN  | 0 6",
            "DAY_OF_WEEK  | 0        | 0",
            "DAY_OF_WEEK  | */2      | 0 2 4 6",
            "DAY_OF_WEEK  | ?        | 0-6 *" })
    void shouldParseFieldsAsRobfig(CronField field, String expression, String expected) {
        assertThat(describe(field.parse(expression))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "DAY_OF_WEEK  | 7                    | invalid day-of-week field '7': end of range (7) above maximum (6)",
            "DAY_OF_WEEK  | 1-7                  | invalid day-of-week field '1-7': end of range (7) above maximum (6)",
            "MINUTE       | 60                   | invalid minute field '60': end of range (60) above maximum (59)",
            "HOUR         | 24                   | invalid hour field '24': end of range (24) above maximum (23)",
            "DAY_OF_MONTH | 0                    | invalid day-of-month field '0': beginning of range (0) below minimum (1)",
            "MONTH        | 13                   | invalid month field '13': end of range (13) above maximum (12)",
            "MINUTE       | 5-1                  | invalid minute field '5-1': beginning of range (5) beyond end of range (1)",
            "MINUTE       | */0                  | invalid minute field '*/0': step of range should be a positive number",
            "MINUTE       | 1-2-3                | invalid minute field '1-2-3': too many hyphens",
            "MINUTE       | 1/2/3                | invalid minute field '1/2/3': too many slashes",
            "MINUTE       | 1,x                  | invalid minute field 'x': failed to parse int from 'x'",
            "MINUTE       | -5                   | invalid minute field '-5': failed to parse int from ''",
            "MINUTE       | 1-                   | invalid minute field '1-': failed to parse int from ''",
            "DAY_OF_WEEK  | monday               | invalid day-of-week field 'monday': failed to parse int from 'monday'",
            "MINUTE       | jan                  | invalid minute field 'jan': failed to parse int from 'jan'",
            "MINUTE       | 99999999999999999999 | invalid minute field '99999999999999999999': '99999999999999999999' is out of range" })
    void shouldNameTheFieldAndTheTokenOfAnError(CronField field, String expression, String message) {
        assertThatThrownBy(() -> field.parse(expression)).isInstanceOf(InvalidScheduleException.class)
                .hasMessage(message)
                .extracting(e -> ((InvalidScheduleException) e).reason()).isEqualTo("UnparseableSchedule");
    }

    @ParameterizedTest
    @ValueSource(strings = { "xyz", "60 0 * * *", "0 60 * * *", "0 0 * * XYZ", "* * * *", "* * * * * *", "0 0 * * 7" })
    void shouldRejectWhatParseStandardRejects(String schedule) {
        assertThatThrownBy(() -> CronParser.parse(schedule, UTC)).isInstanceOf(InvalidScheduleException.class);
    }

    @Test
    void shouldCountFieldsLikeGo() {
        assertThatThrownBy(() -> CronParser.parse("* * * *", UTC))
                .hasMessage("expected exactly 5 fields (minute hour day-of-month month day-of-week), found 4: '* * * *'");
        assertThat(CronParser.parse(" 0\t12  * *\u00a0* ", UTC).next(Instant.parse("2026-01-01T00:00:00Z")))
                .contains(Instant.parse("2026-01-01T12:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "TZ=UTC 0 0 * * *", "CRON_TZ=Europe/Berlin 0 0 * * *" })
    void shouldRejectATimeZoneInTheSchedule(String schedule) {
        assertThatThrownBy(() -> CronParser.parse(schedule, UTC))
                .hasMessage("the time zone cannot be set in the schedule (TZ= or CRON_TZ=); use spec.timeZone");
    }

    @Test
    void shouldRejectEveryAndUnknownOrSloppyDescriptors() {
        assertThatThrownBy(() -> CronParser.parse("@every 1h", UTC))
                .hasMessage("'@every 1h' is not supported: use a cron schedule such as '*/5 * * * *'");
        for (String sloppy : List.of("@DAILY", "@daily ", "@fortnightly")) {
            assertThatThrownBy(() -> CronParser.parse(sloppy, UTC)).hasMessageStartingWith("unrecognized descriptor '" + sloppy + "'");
        }
        assertThatThrownBy(() -> CronParser.parse("", UTC)).hasMessage("empty schedule");
    }

    /** Values of a bit set as ranges where contiguous, plus "*" when the star bit is set. */
    private static String describe(long bits) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < 63) {
            if ((bits & (1L << i)) == 0) {
                i++;
                continue;
            }
            int start = i;
            while (i + 1 < 63 && (bits & (1L << (i + 1))) != 0) {
                i++;
            }
            parts.addAll(i - start >= 2 ? List.of(start + "-" + i) : rangeOf(start, i));
            i++;
        }
        if ((bits & CronField.STAR) != 0) {
            parts.add("*");
        }
        return String.join(" ", parts);
    }

    private static List<String> rangeOf(int from, int to) {
        return Arrays.stream(new int[] { from, to }).distinct().mapToObj(String::valueOf).toList();
    }
}

package io.tessera.operator.scheduledjob.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes pkg/controller/cronjob/utils_test.go, cases of TestMostRecentScheduleTime,
 * TestNextScheduleTime and TestNextScheduleTimeDuration, with their instants relative to
 * "topOfTheHour" (2016-05-19T10:00:00Z, a Thursday). The {@code @every} case is left out:
 * ScheduledJob refuses {@code @every}.
 */
class MostRecentTickTest {

    private static final Instant TOP_OF_THE_HOUR = Instant.parse("2016-05-19T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // name                                  | schedule           | last     | deadline | now        | earliest | tick      | missed
            "now before next schedule                | 0 * * * *          | PT0S     | -        | PT30S      | PT0S     | -         | NONE",
            "now just after next schedule            | 0 * * * *          | PT0S     | -        | PT61M      | PT0S     | PT60M     | NONE",
            "missed 5 schedules                      | 0 * * * *          | PT10S    | -        | PT301M     | PT10S    | PT300M    | FEW",
            "complex schedule                        | 30 6-16/4 * * 1-5  | PT30M    | -        | PT24H31M   | PT30M    | PT24H30M  | FEW",
            "another complex schedule (none found)   | 30 10,11,12 * * 1-5| PT30M    | -        | PT30H30M   | PT30M    | -         | FEW",
            "complex schedule, longer diff           | 30 6-16/4 * * 1-5  | PT30M    | -        | PT96H31M   | PT30M    | PT96H30M  | FEW",
            "complex schedule, shorter diff          | 30 6-16/4 * * 1-5  | PT0S     | -        | PT24H31M   | PT0S     | PT24H30M  | FEW",
            "earliest is creation and last schedule  | 0 * * * *          | PT0S     | -        | PT30S      | PT0S     | -         | NONE",
            "earliest is last schedule               | */5 * * * *        | PT30M    | -        | PT31M      | PT30M    | -         | NONE",
            "earliest is last schedule, in deadline  | */5 * * * *        | PT30M    | -        | PT31M      | PT30M    | -         | NONE",
            "earliest moved up by the deadline       | */5 * * * *        | PT30M    | PT60S    | PT32M      | PT31M    | -         | NONE",
            "more than 100 missed                    | 0 * * * *          | PT0S     | -        | PT200H     | PT0S     | PT200H    | MANY",
            "exactly 100 missed is not too many      | 0 * * * *          | PT0S     | -        | PT100H     | PT0S     | PT100H    | FEW",
            "NextScheduleTime case 1                 | 0 * * * ?          | -PT10M   | -        | -PT7M      | -PT10M   | -         | NONE",
            "NextScheduleTime case 2                 | 0 * * * ?          | -PT10M   | -        | PT2S       | -PT10M   | PT0S      | NONE",
            "NextScheduleTime case 3                 | 0 * * * ?          | PT0S     | -        | PT2M       | PT0S     | -         | NONE",
            "NextScheduleTime case 4                 | 0 * * * ?          | PT0S     | -        | PT65M      | PT0S     | PT60M     | NONE",
            "NextScheduleTime case 5                 | 0 * * * ?          | -PT1H    | -        | PT65M      | -PT1H    | PT60M     | FEW",
            "NextScheduleTime case 6                 | 0 * * * ?          | -PT1H    | -        | PT241H     | -PT1H    | PT241H    | MANY",
            "NextScheduleTime case 7 (short deadline)| 0 * * * ?          | -PT1H    | PT2H     | PT241H     | PT239H   | PT241H    | FEW" })
    void shouldFindTheMostRecentTickAsCronJob(String name, String schedule, String last, String deadline, String now,
            String earliest, String tick, MissedTicks missed) {
        MostRecentTick result = MostRecentTick.find(utc(schedule), at(last), Optional.ofNullable(deadline).map(Duration::parse),
                at(now));

        assertThat(result).isEqualTo(new MostRecentTick(at(earliest), Optional.ofNullable(tick).map(MostRecentTickTest::at), missed));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name                                       | schedule            | last   | now              | requeue (nextScheduleDelta left out)
            "complex schedule skipping weekend            | 30 6-16/4 * * 1-5   | PT30M  | PT24H31M         | PT3H59M",
            "another complex schedule skipping weekend    | 30 10,11,12 * * 1-5 | PT30M  | PT30H30M         | PT66H",
            "once a week cronjob, missed two runs         | 0 12 * * 4          | PT2H   | PT457H30M        | PT48H30M",
            "no previous run of a cronjob                 | 0 12 * * 5          | PT0S   | PT6H             | PT20H" })
    void shouldWaitForTheTickCronJobRequeuesFor(String name, String schedule, String last, String now, String requeue) {
        assertThat(MostRecentTick.upcoming(utc(schedule), at(last), at(now))).contains(at(now).plus(Duration.parse(requeue)));
    }

    @org.junit.jupiter.api.Test
    void shouldCallAScheduleThatNeverFiresInvalid() {
        // utils_test "rogue cronjob" and TestNextScheduleTime case 8: 59 23 31 2 *.
        assertThatThrownBy(() -> MostRecentTick.find(utc("59 23 31 2 *"), at("PT10S"), Optional.empty(), at("PT1H")))
                .isInstanceOf(InvalidScheduleException.class)
                .extracting(e -> ((InvalidScheduleException) e).reason()).isEqualTo("InvalidSchedule");
        assertThat(MostRecentTick.upcoming(utc("59 23 31 2 *"), at("PT10S"), at("PT1H"))).isEmpty();
    }

    private static CronSchedule utc(String schedule) {
        return CronParser.parse(schedule, ZoneId.of("UTC"));
    }

    private static Instant at(String offset) {
        return TOP_OF_THE_HOUR.plus(Duration.parse(offset));
    }
}

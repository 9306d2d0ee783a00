package io.tessera.operator.scheduledjob.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Go's {@code time.Date} and {@code Time.AddDate} over java.time zone rules, because robfig's
 * {@code Next} builds wall-clock times with them and Go resolves a wall time that a DST transition
 * skips or repeats differently from {@link java.time.ZonedDateTime}: Go reads the wall time as if
 * it were UTC, takes the zone offset in force at that instant, and if the resulting instant falls
 * into another zone period it takes that period's offset instead (go/src/time/time.go, {@code Date}:
 * "Look for zone offset for expected time, so we can adjust to UTC"). Java instead always moves a
 * skipped wall time forward and prefers the earlier offset in an overlap.
 */
final class GoTime {

    private GoTime() {
    }

    /** Go's {@code time.Date(year, month, day, hour, min, sec, 0, loc)}, fields may overflow. */
    static long date(int year, int month, int day, int hour, int minute, int second, ZoneRules rules) {
        LocalDateTime wall = LocalDate.of(year, 1, 1).plusMonths(month - 1L).plusDays(day - 1L).atStartOfDay()
                .plusHours(hour).plusMinutes(minute).plusSeconds(second);
        long unix = wall.toEpochSecond(ZoneOffset.UTC);
        int guess = offsetAt(unix, rules);
        // When unix - guess lies in the guessed zone period, its offset is the guess itself; when
        // it does not, Go looks the offset up at unix - guess. Both cases are this one lookup.
        return guess == 0 ? unix : unix - offsetAt(unix - guess, rules);
    }

    /** Go's {@code t.AddDate(years, months, days)}: the same wall clock on another date. */
    static long addDate(long epochSecond, int months, int days, ZoneRules rules) {
        LocalDateTime wall = local(epochSecond, rules);
        return date(wall.getYear(), wall.getMonthValue() + months, wall.getDayOfMonth() + days, wall.getHour(),
                wall.getMinute(), wall.getSecond(), rules);
    }

    static LocalDateTime local(long epochSecond, ZoneRules rules) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, rules.getOffset(Instant.ofEpochSecond(epochSecond)));
    }

    private static int offsetAt(long epochSecond, ZoneRules rules) {
        return rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }
}

package io.tessera.operator.scheduledjob.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * A parsed cron schedule in a time zone: one bit set per field, as robfig/cron v3
 * {@code SpecSchedule} stores it, and {@link #next} ported line by line from its {@code Next}.
 *
 * <p>Daylight saving time therefore behaves as for a Kubernetes CronJob (robfig/cron v3
 * {@code spec_test.go}, "2am nightly job (skipped)" and "1am nightly job (runs twice)"): hours are
 * advanced as absolute durations, so a wall time that the spring-forward transition skips does not
 * fire that day (a 02:30 daily job in America/New_York or Europe/Berlin skips the transition day
 * and runs again the next day, not at 03:00 or 03:30), and a wall time that the fall-back
 * transition repeats fires twice, once per offset (01:30 in New York, 02:30 in Berlin).
 */
public final class CronSchedule {

    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final ZoneId zone;

    CronSchedule(long minutes, long hours, long daysOfMonth, long months, long daysOfWeek, ZoneId zone) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The first activation strictly after {@code after}, on a whole minute; empty when none
     * exists within five years (robfig returns the zero time then, e.g. for {@code 0 0 30 2 *}).
     */
    public Optional<Instant> next(Instant after) {
        if (isEmpty(minutes) || isEmpty(hours) || isEmpty(daysOfMonth) && isEmpty(daysOfWeek) || isEmpty(months)) {
            // A field such as "," parses to no value at all; robfig would scan five years to find nothing.
            return Optional.empty();
        }
        ZoneRules rules = zone.getRules();
        long t = after.getEpochSecond() + 1; // "the upcoming second"
        boolean added = false;
        int yearLimit = GoTime.local(t, rules).getYear() + 5;
        wrap:
        while (true) {
            LocalDateTime local = GoTime.local(t, rules);
            if (local.getYear() > yearLimit) {
                return Optional.empty();
            }
            while (!has(months, local.getMonthValue())) {
                if (!added) {
                    added = true;
                    t = GoTime.date(local.getYear(), local.getMonthValue(), 1, 0, 0, 0, rules);
                }
                t = GoTime.addDate(t, 1, 0, rules);
                local = GoTime.local(t, rules);
                if (local.getMonthValue() == 1) {
                    continue wrap;
                }
            }
            while (!dayMatches(local)) {
                if (!added) {
                    added = true;
                    t = GoTime.date(local.getYear(), local.getMonthValue(), local.getDayOfMonth(), 0, 0, 0, rules);
                }
                t = GoTime.addDate(t, 0, 1, rules);
                t = backToMidnight(t, rules);
                local = GoTime.local(t, rules);
                if (local.getDayOfMonth() == 1) {
                    continue wrap;
                }
            }
            while (!has(hours, local.getHour())) {
                if (!added) {
                    added = true;
                    t = GoTime.date(local.getYear(), local.getMonthValue(), local.getDayOfMonth(), local.getHour(), 0,
                            0, rules);
                }
                t += 3600;
                local = GoTime.local(t, rules);
                if (local.getHour() == 0) {
                    continue wrap;
                }
            }
            while (!has(minutes, local.getMinute())) {
                if (!added) {
                    added = true;
                    t -= Math.floorMod(t, 60); // Go's Truncate(time.Minute) works on absolute time
                }
                t += 60;
                local = GoTime.local(t, rules);
                if (local.getMinute() == 0) {
                    continue wrap;
                }
            }
            // The standard parser fixes the seconds field to 0.
            while (local.getSecond() != 0) {
                added = true;
                t += 1;
                local = GoTime.local(t, rules);
                if (local.getSecond() == 0) {
                    continue wrap;
                }
            }
            return Optional.of(Instant.ofEpochSecond(t));
        }
    }

    /**
     * robfig's fix for zones where midnight does not exist (Sao Paulo, robfig issue 157): after
     * adding a day, an hour past 12 is moved forward to midnight, an hour up to 12 back to it.
     */
    private static long backToMidnight(long t, ZoneRules rules) {
        int hour = GoTime.local(t, rules).getHour();
        if (hour == 0) {
            return t;
        }
        return hour > 12 ? t + (24L - hour) * 3600 : t - hour * 3600L;
    }

    /** Day of month and day of week: AND if either was written with a star, OR otherwise. */
    private boolean dayMatches(LocalDateTime local) {
        boolean dom = has(daysOfMonth, local.getDayOfMonth());
        boolean dow = has(daysOfWeek, local.getDayOfWeek().getValue() % 7);
        if ((daysOfMonth & CronField.STAR) != 0 || (daysOfWeek & CronField.STAR) != 0) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static boolean has(long bits, int value) {
        return (bits & (1L << value)) != 0;
    }

    private static boolean isEmpty(long bits) {
        return (bits & ~CronField.STAR) == 0;
    }

    @Override
    public String toString() {
        return "CronSchedule[minutes=" + Long.toHexString(minutes) + ", hours=" + Long.toHexString(hours)
                + ", daysOfMonth=" + Long.toHexString(daysOfMonth) + ", months=" + Long.toHexString(months)
                + ", daysOfWeek=" + Long.toHexString(daysOfWeek) + ", zone=" + zone + "]";
    }
}

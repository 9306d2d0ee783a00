package io.tessera.operator.scheduledjob.schedule;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a ScheduledJob schedule with the rules of robfig/cron v3 {@code ParseStandard}, the parser
 * Kubernetes validates and runs CronJob schedules with: five whitespace-separated fields (minute,
 * hour, day of month, month, day of week; see {@link CronField}) or one of the descriptors
 * {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}, matched exactly (case and
 * surrounding blanks included, as robfig does).
 *
 * <p>Two things ParseStandard accepts are refused on purpose, both also refused by the
 * ScheduledJob CRD schema: a {@code TZ=}/{@code CRON_TZ=} prefix (Kubernetes rejects it on new
 * CronJobs too; the zone belongs in {@code spec.timeZone}), and {@code @every <duration>}, which
 * Kubernetes only accepts because robfig does (it is not a cron schedule, CronJob's documentation
 * never mentions it, and its ticks drift with the last run instead of following the clock).
 */
public final class CronParser {

    private CronParser() {
    }

    /**
     * @throws InvalidScheduleException with reason {@code UnparseableSchedule} and a message
     *         naming the field and the token at fault
     */
    public static CronSchedule parse(String spec, ZoneId zone) {
        if (spec == null || spec.isEmpty()) {
            throw unparseable("empty schedule");
        }
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            throw unparseable("the time zone cannot be set in the schedule (TZ= or CRON_TZ=); use spec.timeZone");
        }
        if (spec.startsWith("@")) {
            return descriptor(spec, zone);
        }
        List<String> fields = goFields(spec);
        if (fields.size() != 5) {
            throw unparseable("expected exactly 5 fields (minute hour day-of-month month day-of-week), found "
                    + fields.size() + ": '" + spec + "'");
        }
        return new CronSchedule(CronField.MINUTE.parse(fields.get(0)), CronField.HOUR.parse(fields.get(1)),
                CronField.DAY_OF_MONTH.parse(fields.get(2)), CronField.MONTH.parse(fields.get(3)),
                CronField.DAY_OF_WEEK.parse(fields.get(4)), zone);
    }

    private static CronSchedule descriptor(String spec, ZoneId zone) {
        long minute = CronField.MINUTE.first();
        long midnight = CronField.HOUR.first();
        switch (spec) {
            case "@yearly":
            case "@annually":
                return new CronSchedule(minute, midnight, CronField.DAY_OF_MONTH.first(), CronField.MONTH.first(),
                        CronField.DAY_OF_WEEK.all(), zone);
            case "@monthly":
                return new CronSchedule(minute, midnight, CronField.DAY_OF_MONTH.first(), CronField.MONTH.all(),
                        CronField.DAY_OF_WEEK.all(), zone);
            case "@weekly":
                return new CronSchedule(minute, midnight, CronField.DAY_OF_MONTH.all(), CronField.MONTH.all(),
                        CronField.DAY_OF_WEEK.first(), zone);
            case "@daily":
            case "@midnight":
                return new CronSchedule(minute, midnight, CronField.DAY_OF_MONTH.all(), CronField.MONTH.all(),
                        CronField.DAY_OF_WEEK.all(), zone);
            case "@hourly":
                return new CronSchedule(minute, CronField.HOUR.all(), CronField.DAY_OF_MONTH.all(),
                        CronField.MONTH.all(), CronField.DAY_OF_WEEK.all(), zone);
            default:
                if (spec.startsWith("@every ")) {
                    throw unparseable("'" + spec + "' is not supported: use a cron schedule such as '*/5 * * * *'");
                }
                throw unparseable("unrecognized descriptor '" + spec
                        + "' (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly)");
        }
    }

    /** Go's strings.Fields: split around runs of Unicode white space. */
    private static List<String> goFields(String spec) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (char c : spec.toCharArray()) {
            if (isGoSpace(c)) {
                if (current.length() > 0) {
                    fields.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            fields.add(current.toString());
        }
        return fields;
    }

    /** Go's unicode.IsSpace: the ASCII blanks, U+0085, and the Unicode space separators. */
    private static boolean isGoSpace(char c) {
        return c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085'
                || Character.isSpaceChar(c);
    }

    private static InvalidScheduleException unparseable(String message) {
        return new InvalidScheduleException(InvalidScheduleException.UNPARSEABLE_SCHEDULE, message);
    }
}

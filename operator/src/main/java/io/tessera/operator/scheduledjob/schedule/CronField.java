package io.tessera.operator.scheduledjob.schedule;

import java.util.Locale;
import java.util.Map;

/**
 * The five fields of a standard cron schedule and the grammar of one field, exactly as robfig/cron
 * v3 {@code getField}/{@code getRange} (the parser behind Kubernetes CronJob) reads it: a
 * comma-separated list of {@code *}, {@code ?}, {@code n}, {@code a-b}, each optionally followed by
 * {@code /step}; {@code n/step} means {@code n-max/step}; names (three letters, any case) only
 * for months and days of week. Day of week is 0-6 with 0 = Sunday: robfig rejects 7.
 */
public enum CronField {
    MINUTE("minute", 0, 59, Map.of()),
    HOUR("hour", 0, 23, Map.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, Map.of()),
    MONTH("month", 1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3),
            Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11),
            Map.entry("dec", 12))),
    DAY_OF_WEEK("day-of-week", 0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));

    /**
     * Set when the field was written with {@code *} or {@code ?} (and no step above 1): robfig's
     * {@code starBit}, which decides whether day of month and day of week combine with AND or OR.
     */
    public static final long STAR = Long.MIN_VALUE;

    private final String label;
    private final int min;
    private final int max;
    private final Map<String, Integer> names;

    CronField(String label, int min, int max, Map<String, Integer> names) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    public String label() {
        return label;
    }

    /** Every value of the field plus {@link #STAR}, as {@code *} parses. */
    public long all() {
        return bits(min, max, 1) | STAR;
    }

    /** Only the field's smallest value, as the descriptors ({@code @daily} ...) use. */
    public long first() {
        return 1L << min;
    }

    /**
     * The bit set of one field.
     *
     * @throws InvalidScheduleException naming this field and the offending token
     */
    public long parse(String field) {
        long result = 0;
        // strings.FieldsFunc(field, ',') drops empty items, so "1,,2" is "1,2".
        for (String item : field.split(",")) {
            if (!item.isEmpty()) {
                result |= parseRange(item);
            }
        }
        return result;
    }

    private long parseRange(String item) {
        String[] rangeAndStep = item.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean single = lowAndHigh.length == 1;
        long star = 0;
        long start;
        long end;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            // robfig ignores whatever follows a star before the slash: "*-5" is "*".
            start = min;
            end = max;
            star = STAR;
        } else {
            if (lowAndHigh.length > 2) {
                throw invalid(item, "too many hyphens");
            }
            start = intOrName(item, lowAndHigh[0]);
            end = single ? start : intOrName(item, lowAndHigh[1]);
        }
        long step = 1;
        if (rangeAndStep.length > 2) {
            throw invalid(item, "too many slashes");
        }
        if (rangeAndStep.length == 2) {
            step = nonNegativeInt(item, rangeAndStep[1]);
            if (single) {
                end = max;
            }
            if (step > 1) {
                star = 0;
            }
        }
        if (start < min) {
            throw invalid(item, "beginning of range (" + start + ") below minimum (" + min + ")");
        }
        if (end > max) {
            throw invalid(item, "end of range (" + end + ") above maximum (" + max + ")");
        }
        if (start > end) {
            throw invalid(item, "beginning of range (" + start + ") beyond end of range (" + end + ")");
        }
        if (step == 0) {
            throw invalid(item, "step of range should be a positive number");
        }
        return bits(start, end, step) | star;
    }

    private long intOrName(String item, String token) {
        Integer named = names.get(token.toLowerCase(Locale.ROOT));
        return named != null ? named : nonNegativeInt(item, token);
    }

    /** Go's strconv.Atoi: optional sign, decimal digits, no blanks; then robfig refuses negatives. */
    private long nonNegativeInt(String item, String token) {
        if (!token.matches("[+-]?[0-9]+")) {
            throw invalid(item, "failed to parse int from '" + token + "'");
        }
        long value;
        try {
            value = Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw invalid(item, "'" + token + "' is out of range");
        }
        if (value < 0) {
            throw invalid(item, "negative number (" + value + ") not allowed");
        }
        return value;
    }

    private static long bits(long from, long to, long step) {
        long result = 0;
        for (long i = from; i <= to; i += step) {
            result |= 1L << i;
            if (step > to - i) {
                break; // a huge step (Atoi accepts any int64) must not overflow
            }
        }
        return result;
    }

    private InvalidScheduleException invalid(String item, String problem) {
        return new InvalidScheduleException(InvalidScheduleException.UNPARSEABLE_SCHEDULE,
                "invalid " + label + " field '" + item + "': " + problem);
    }
}

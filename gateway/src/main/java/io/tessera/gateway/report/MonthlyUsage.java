package io.tessera.gateway.report;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Usage in one calendar month (UTC), pure: every interval counts only the part that lies inside
 * the month; an interval that is still open counts up to {@code now} (and not beyond the month's
 * end). Sums are exact (unit-microseconds) and rounded once, at the end, per reported row.
 */
public final class MonthlyUsage {

    private MonthlyUsage() {
    }

    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public static Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    /** The part of the interval inside the month, zero when they do not overlap. */
    public static Duration inMonth(MeteredInterval interval, YearMonth month, Instant now) {
        Instant from = max(interval.start(), start(month));
        Instant to = min(interval.end().orElse(now), end(month));
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    /** The month's totals of all intervals together. */
    public static UsageTotals total(Collection<MeteredInterval> intervals, YearMonth month, Instant now) {
        return intervals.stream().map(i -> exact(i, month, now)).reduce(UsageTotals.Exact.ZERO,
                UsageTotals.Exact::plus).hours();
    }

    /** The month's totals per key (e.g. per user), in the keys' natural order; keys without usage are absent. */
    public static <K extends Comparable<K>> Map<K, UsageTotals> byKey(Collection<MeteredInterval> intervals,
                                                                       YearMonth month, Instant now,
                                                                       Function<MeteredInterval, K> key) {
        Map<K, UsageTotals.Exact> sums = new TreeMap<>();
        for (MeteredInterval interval : intervals) {
            sums.merge(key.apply(interval), exact(interval, month, now), UsageTotals.Exact::plus);
        }
        Map<K, UsageTotals> totals = new TreeMap<>();
        sums.forEach((k, exact) -> totals.put(k, exact.hours()));
        return totals;
    }

    private static UsageTotals.Exact exact(MeteredInterval interval, YearMonth month, Instant now) {
        Duration d = inMonth(interval, month, now);
        BigInteger micros = BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000))
                .add(BigInteger.valueOf(d.getNano() / 1_000));
        return new UsageTotals.Exact(micros.multiply(BigInteger.valueOf(interval.millicores())),
                micros.multiply(BigInteger.valueOf(interval.memoryBytes())),
                micros.multiply(BigInteger.valueOf(interval.gpus())));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

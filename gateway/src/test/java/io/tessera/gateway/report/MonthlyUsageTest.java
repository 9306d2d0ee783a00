package io.tessera.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MonthlyUsageTest {

    private static final long GI = 1L << 30;
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    /** The fake clock: mid-November 2026, 12:00 UTC. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);

    private static MeteredInterval interval(String user, String start, String end, long millicores, long memory,
                                            long gpus) {
        return new MeteredInterval("physics", user, Instant.parse(start), Optional.ofNullable(end).map(Instant::parse),
                millicores, memory, gpus);
    }

    @Test
    void shouldCountAClosedIntervalInsideTheMonthExactly() {
        var oneHourTwoCores = interval("alice", "2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z", 2_000, 4 * GI, 1);
        assertThat(MonthlyUsage.total(List.of(oneHourTwoCores), NOVEMBER, CLOCK.instant()))
                .isEqualTo(new UsageTotals(new BigDecimal("2.000"), new BigDecimal("4.000"), new BigDecimal("1.000")));
    }

    @Test
    void shouldClipAnIntervalThatStartedLastMonthAndEndedThisMonth() {
        // 2 h in October (22:00 to 24:00 on the 31st) and 3 h in November.
        var crossing = interval("alice", "2026-10-31T22:00:00Z", "2026-11-01T03:00:00Z", 1_000, 0, 0);
        assertThat(MonthlyUsage.total(List.of(crossing), NOVEMBER, CLOCK.instant()).coreHours())
                .isEqualByComparingTo("3");
        assertThat(MonthlyUsage.total(List.of(crossing), YearMonth.of(2026, 10), CLOCK.instant()).coreHours())
                .isEqualByComparingTo("2");
    }

    @Test
    void shouldClipAnIntervalThatRunsIntoTheNextMonth() {
        var crossing = interval("alice", "2026-11-30T23:30:00Z", "2026-12-01T00:45:00Z", 4_000, 0, 0);
        assertThat(MonthlyUsage.total(List.of(crossing), NOVEMBER, Instant.parse("2026-12-02T00:00:00Z")).coreHours())
                .isEqualByComparingTo("2"); // 0.5 h x 4 cores
        assertThat(MonthlyUsage.total(List.of(crossing), YearMonth.of(2026, 12), Instant.parse("2026-12-02T00:00:00Z"))
                .coreHours()).isEqualByComparingTo("3"); // 0.75 h x 4 cores
    }

    @Test
    void shouldCountAnOpenIntervalUpToNow() {
        var open = interval("alice", "2026-11-15T09:00:00Z", null, 500, GI, 0);
        assertThat(MonthlyUsage.total(List.of(open), NOVEMBER, CLOCK.instant()))
                .isEqualTo(new UsageTotals(new BigDecimal("1.500"), new BigDecimal("3.000"), new BigDecimal("0.000")));
    }

    @Test
    void shouldCountAnOpenIntervalOfAPastMonthUpToTheMonthsEnd() {
        var openSinceOctober = interval("alice", "2026-10-31T23:00:00Z", null, 1_000, 0, 0);
        assertThat(MonthlyUsage.total(List.of(openSinceOctober), YearMonth.of(2026, 10), CLOCK.instant()).coreHours())
                .isEqualByComparingTo("1");
        // In November it counts from the 1st 00:00 to now (14.5 days = 348 h).
        assertThat(MonthlyUsage.total(List.of(openSinceOctober), NOVEMBER, CLOCK.instant()).coreHours())
                .isEqualByComparingTo("348");
    }

    @Test
    void shouldCountNothingInAFutureMonthOrForIntervalsOutsideTheMonth() {
        var open = interval("alice", "2026-11-15T09:00:00Z", null, 1_000, 0, 0);
        var september = interval("alice", "2026-09-01T00:00:00Z", "2026-09-02T00:00:00Z", 1_000, 0, 0);
        assertThat(MonthlyUsage.total(List.of(open, september), YearMonth.of(2026, 12), CLOCK.instant()))
                .isEqualTo(new UsageTotals(new BigDecimal("0.000"), new BigDecimal("0.000"), new BigDecimal("0.000")));
        assertThat(MonthlyUsage.inMonth(september, NOVEMBER, CLOCK.instant())).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldIgnoreAnOpenIntervalThatStartsAfterNow() {
        // The pod's node clock may run ahead of the gateway's: a start after now counts as nothing, never negative.
        var ahead = interval("alice", "2026-11-15T12:00:05Z", null, 1_000, 0, 0);
        assertThat(MonthlyUsage.inMonth(ahead, NOVEMBER, CLOCK.instant())).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldSumPerUserInNameOrderAndRoundOnlyOnce() {
        // Three 20-minute intervals of 1 core: 1/3 h each; summed exactly, alice has 1.000 (not 0.999).
        List<MeteredInterval> intervals = List.of(
                interval("bob", "2026-11-02T00:00:00Z", "2026-11-02T00:20:00Z", 1_000, 0, 0),
                interval("alice", "2026-11-02T00:00:00Z", "2026-11-02T00:20:00Z", 1_000, 0, 0),
                interval("alice", "2026-11-02T01:00:00Z", "2026-11-02T01:20:00Z", 1_000, 0, 0),
                interval("alice", "2026-11-02T02:00:00Z", "2026-11-02T02:20:00Z", 1_000, 0, 0));
        Map<String, UsageTotals> byUser = MonthlyUsage.byKey(intervals, NOVEMBER, CLOCK.instant(), MeteredInterval::user);
        assertThat(byUser.keySet()).containsExactly("alice", "bob");
        assertThat(byUser.get("alice").coreHours()).isEqualTo(new BigDecimal("1.000"));
        assertThat(byUser.get("bob").coreHours()).isEqualTo(new BigDecimal("0.333"));
    }

    @Test
    void shouldComputeMemoryInGibHoursFromBytesAndKeepMillicorePrecision() {
        // 250 millicores and 512 MiB for 90 minutes: 0.375 core-hours, 0.75 GiB-hours.
        var small = interval("alice", "2026-11-04T00:00:00Z", "2026-11-04T01:30:00Z", 250, 512L << 20, 0);
        assertThat(MonthlyUsage.total(List.of(small), NOVEMBER, CLOCK.instant()))
                .isEqualTo(new UsageTotals(new BigDecimal("0.375"), new BigDecimal("0.750"), new BigDecimal("0.000")));
    }

    @Test
    void shouldNotOverflowOnAWholeMonthOfAHugePod() {
        // 4096 cores and 16 TiB for a whole 30-day month: byte-microseconds far beyond a long.
        var huge = interval("alice", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", 4_096_000, 16L << 40, 64);
        UsageTotals totals = MonthlyUsage.total(List.of(huge), NOVEMBER, Instant.parse("2026-12-05T00:00:00Z"));
        assertThat(totals.coreHours()).isEqualByComparingTo(BigDecimal.valueOf(4096L * 720));
        assertThat(totals.memoryGibHours()).isEqualByComparingTo(BigDecimal.valueOf(16L * 1024 * 720));
        assertThat(totals.gpuHours()).isEqualByComparingTo(BigDecimal.valueOf(64L * 720));
    }

    @Test
    void shouldUseUtcMonthBoundaries() {
        assertThat(MonthlyUsage.start(NOVEMBER)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(MonthlyUsage.end(NOVEMBER)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(MonthlyUsage.end(YearMonth.of(2028, 2))).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }
}

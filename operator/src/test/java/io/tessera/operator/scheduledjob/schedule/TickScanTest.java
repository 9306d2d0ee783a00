package io.tessera.operator.scheduledjob.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class TickScanTest {

    private static final CronSchedule HOURLY = CronParser.parse("0 * * * *", ZoneId.of("UTC"));
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldCountTicksAfterTheStartUpToAndIncludingTheEnd() {
        TickScan scan = TickScan.of(HOURLY, T, T.plusSeconds(5 * 3600), 2);

        assertThat(scan).isEqualTo(new TickScan(5, List.of(T.plusSeconds(4 * 3600), T.plusSeconds(5 * 3600))));
    }

    @Test
    void shouldFindNothingBeforeTheFirstTick() {
        assertThat(TickScan.of(HOURLY, T, T.plusSeconds(3599), 5)).isEqualTo(new TickScan(0, List.of()));
        assertThat(TickScan.of(HOURLY, T, T.plusSeconds(3600), 5)).isEqualTo(new TickScan(1, List.of(T.plusSeconds(3600))));
    }

    @Test
    void shouldEstimateHugeWindowsButStillKeepTheNewestTicks() {
        CronSchedule minutely = CronParser.parse("* * * * *", ZoneId.of("UTC"));
        Instant until = T.plusSeconds(60L * 1_000_000);

        TickScan scan = TickScan.of(minutely, T, until, 3);

        assertThat(scan.count()).isEqualTo(1_000_000);
        assertThat(scan.newest()).containsExactly(until.minusSeconds(120), until.minusSeconds(60), until);
    }
}

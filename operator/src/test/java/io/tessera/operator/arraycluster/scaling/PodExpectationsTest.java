package io.tessera.operator.arraycluster.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PodExpectationsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final PodExpectations expectations = new PodExpectations(clock, Duration.ofMinutes(5));

    @Test
    void shouldTrustTheCacheOnlyOnceItShowsEveryCreatedPod() {
        expectations.expectCreate("ns/a", "a-default-1");
        expectations.expectCreate("ns/a", "a-default-2");

        assertThat(expectations.satisfied("ns/a", Set.of("a-default-1"))).isFalse();
        assertThat(expectations.pendingCreates("ns/a")).containsExactly("a-default-2");
        assertThat(expectations.satisfied("ns/a", Set.of("a-default-1", "a-default-2"))).isTrue();
    }

    @Test
    void shouldTrustTheCacheOnlyOnceDeletedPodsAreGone() {
        expectations.expectDelete("ns/a", "a-default-1");

        assertThat(expectations.satisfied("ns/a", Set.of("a-default-1", "a-default-2"))).isFalse();
        assertThat(expectations.satisfied("ns/a", Set.of("a-default-2"))).isTrue();
    }

    @Test
    void shouldKeepClustersApart() {
        expectations.expectCreate("ns/a", "a-default-1");

        assertThat(expectations.satisfied("ns/b", Set.of())).isTrue();
        assertThat(expectations.satisfied("ns/a", Set.of())).isFalse();
    }

    @Test
    void shouldExpireSoALostWatchEventCannotStallACluster() {
        expectations.expectCreate("ns/a", "a-default-1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(expectations.satisfied("ns/a", Set.of())).isFalse();

        clock.advance(Duration.ofMinutes(1));

        assertThat(expectations.satisfied("ns/a", Set.of())).isTrue();
        assertThat(expectations.pendingCreates("ns/a")).isEmpty();
    }

    @Test
    void shouldTrustTheCacheAgainOnceAFailedCreateIsWithdrawn() {
        expectations.expectCreate("ns/a/uid-1", "a-default-1");
        expectations.expectCreate("ns/a/uid-1", "a-default-2");

        expectations.withdrawCreate("ns/a/uid-1", "a-default-2");

        assertThat(expectations.satisfied("ns/a/uid-1", Set.of("a-default-1"))).isTrue();
    }

    @Test
    void shouldTrustTheCacheAgainOnceAFailedDeleteIsWithdrawn() {
        expectations.expectDelete("ns/a/uid-1", "a-default-1");

        expectations.withdrawDelete("ns/a/uid-1", "a-default-1");

        assertThat(expectations.satisfied("ns/a/uid-1", Set.of("a-default-1"))).isTrue();
    }

    @Test
    void shouldNotLetAClusterRecreatedUnderTheSameNameInheritExpectations() {
        expectations.expectCreate("ns/a/uid-1", "a-default-1");

        assertThat(expectations.satisfied("ns/a/uid-2", Set.of())).isTrue();
    }

    @Test
    void shouldSweepRecordsOfClustersNobodyAsksAboutAnyMore() {
        expectations.expectCreate("ns/gone/uid-1", "gone-default-1");
        clock.advance(Duration.ofMinutes(5));

        expectations.satisfied("ns/other/uid-2", Set.of());

        assertThat(expectations.trackedClusters()).isZero();
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

package io.tessera.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LargestFitTest {

    /** A fake quota that admits counts up to {@code limit} and records what is reserved. */
    private static final class Quota {
        final int limit;
        int reserved;
        final List<Integer> attempts = new ArrayList<>();

        Quota(int limit, int reserved) {
            this.limit = limit;
            this.reserved = reserved;
        }

        boolean admit(int count) {
            attempts.add(count);
            if (count <= limit) {
                reserved = count;
                return true;
            }
            return false;
        }
    }

    @Test
    void shouldFindTheLargestAdmittedCountAndLeaveItReserved() {
        for (int limit = 0; limit < 100; limit++) {
            Quota quota = new Quota(limit, 0);
            int fit = LargestFit.search(0, 100, quota::admit);
            assertThat(fit).isEqualTo(limit);
            assertThat(quota.reserved).isEqualTo(limit);
        }
    }

    @Test
    void shouldNeedFewAttemptsEvenForTheLargestClusters() {
        Quota quota = new Quota(4_321, 10);
        assertThat(LargestFit.search(10, 10_000, quota::admit)).isEqualTo(4_321);
        assertThat(quota.attempts).hasSizeLessThanOrEqualTo(14);
    }

    @Test
    void shouldKeepTheStartWhenNothingMoreFits() {
        Quota quota = new Quota(5, 5);
        assertThat(LargestFit.search(5, 6, quota::admit)).isEqualTo(5);
        assertThat(quota.attempts).isEmpty();
    }
}

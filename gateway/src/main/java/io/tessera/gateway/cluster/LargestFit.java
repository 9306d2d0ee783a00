package io.tessera.gateway.cluster;

import java.util.function.IntPredicate;

/**
 * The largest worker count in {@code [from, wanted]} that admission accepts, found by binary search
 * over real admission attempts (pure apart from the predicate). Each attempt is one atomic
 * admission: a refused attempt changes nothing, an accepted one reserves that count, and accepted
 * counts only grow during the search, so the reservation ends exactly at the returned count.
 * At most about 14 attempts for 10,000 workers.
 */
public final class LargestFit {

    private LargestFit() {
    }

    /**
     * @param from a count known to be admitted (the current reservation: keeping it always is)
     * @param wanted the count asked for, already refused
     * @param admit tries to reserve a count; true when admitted
     */
    public static int search(int from, int wanted, IntPredicate admit) {
        int low = from;
        int high = wanted;
        while (high - low > 1) {
            int middle = low + (high - low) / 2;
            if (admit.test(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }
}

package io.tessera.operator.arraycluster.scaling;

import java.util.List;

/**
 * What to do with one worker group in this reconciliation.
 *
 * @param create worker pods to create now (already cut to the batch limit)
 * @param deleteNow pods safe to delete at once: finished ones, and pending ones when shrinking
 * @param retire running workers to hand to the scheduler for graceful retirement (it picks which)
 */
public record WorkerPlan(int create, List<String> deleteNow, int retire) {

    public WorkerPlan {
        deleteNow = List.copyOf(deleteNow);
    }

    public boolean isEmpty() {
        return create == 0 && deleteNow.isEmpty() && retire == 0;
    }
}

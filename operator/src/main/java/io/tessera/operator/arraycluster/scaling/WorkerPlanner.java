package io.tessera.operator.arraycluster.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans how one worker group reaches its target without ever killing a running worker: finished
 * pods are removed and replaced, growth is cut into batches, shrinking drops pending pods first
 * (newest first: they hold no data) and leaves running ones to the scheduler's retirement.
 */
public final class WorkerPlanner {

    private WorkerPlanner() {
    }

    /**
     * @param target workers wanted for the group
     * @param observed the group's pods as cached
     * @param batchLimit most pods to create in this pass (at least 1)
     */
    public static WorkerPlan plan(int target, List<ObservedWorker> observed, int batchLimit) {
        if (target < 0 || batchLimit < 1) {
            throw new IllegalArgumentException("target must be >= 0 and batchLimit >= 1");
        }
        List<String> deleteNow = new ArrayList<>(observed.stream()
                .filter(w -> w.state() == WorkerState.Failed || w.state() == WorkerState.Succeeded)
                .map(ObservedWorker::name).sorted().toList());
        List<ObservedWorker> active = observed.stream().filter(ObservedWorker::active).toList();
        int missing = target - active.size();
        if (missing >= 0) {
            return new WorkerPlan(Math.min(missing, batchLimit), deleteNow, 0);
        }
        int excess = -missing;
        List<String> pendingNewestFirst = active.stream().filter(w -> w.state() == WorkerState.Pending)
                .sorted(Comparator.comparing(ObservedWorker::created).reversed().thenComparing(ObservedWorker::name))
                .limit(excess).map(ObservedWorker::name).toList();
        deleteNow.addAll(pendingNewestFirst);
        return new WorkerPlan(0, deleteNow, excess - pendingNewestFirst.size());
    }
}

package io.tessera.operator.arraycluster.status;

import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.tessera.api.v1alpha1.arraycluster.status.WorkerGroupStatus;
import io.tessera.operator.arraycluster.scaling.ObservedWorker;
import io.tessera.operator.arraycluster.scaling.WorkerState;

/**
 * Counts of one worker group's pods as status reports them.
 *
 * @param minReplicas the group's lower bound, which Ready waits for
 */
record WorkerCounts(String group, int minReplicas, int desired, int current, int ready, int pending, int retiring) {

    static WorkerCounts of(String group, int minReplicas, int desired, List<Pod> pods) {
        List<ObservedWorker> workers = pods.stream().map(PodStates::observe).toList();
        int current = (int) workers.stream().filter(ObservedWorker::active).count();
        int ready = (int) pods.stream().filter(p -> !PodStates.retiring(p) && PodStates.ready(p)).count();
        int pending = (int) workers.stream().filter(w -> w.state() == WorkerState.Pending).count();
        int retiring = (int) workers.stream().filter(w -> w.retiring() && w.state().isLive()).count();
        return new WorkerCounts(group, minReplicas, desired, current, ready, pending, retiring);
    }

    /** At least minReplicas ready, or everything wanted when fewer are wanted. */
    boolean minimumReady() {
        return ready >= Math.min(minReplicas, desired);
    }

    boolean settled() {
        return current == desired && pending == 0 && retiring == 0;
    }

    WorkerGroupStatus toStatus() {
        WorkerGroupStatus status = new WorkerGroupStatus();
        status.setName(group);
        status.setDesired(desired);
        status.setCurrent(current);
        status.setReady(ready);
        status.setPending(pending);
        status.setRetiring(retiring);
        return status;
    }
}

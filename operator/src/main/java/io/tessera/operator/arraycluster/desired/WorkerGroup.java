package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.WorkerGroupSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.WorkerSpec;

/**
 * One worker group of a cluster under its status name ({@code default} for the primary group).
 *
 * @param replicas the group's {@code replicas}, which each spec subclass declares on its own
 */
public record WorkerGroup(String name, WorkerGroupSpec spec, Integer replicas) {

    /** The primary group first, then the additional groups in the order the user wrote them. */
    public static List<WorkerGroup> of(ArrayClusterSpec spec) {
        List<WorkerGroup> groups = new ArrayList<>();
        WorkerSpec primary = Optional.ofNullable(spec.getWorker()).orElseGet(WorkerSpec::new);
        groups.add(new WorkerGroup(Constants.PRIMARY_WORKER_GROUP, primary, primary.getReplicas()));
        Optional.ofNullable(spec.getAdditionalWorkerGroups()).orElse(List.of())
                .forEach(g -> groups.add(new WorkerGroup(g.getName(), g, g.getReplicas())));
        return List.copyOf(groups);
    }
}

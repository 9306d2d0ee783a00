package io.tessera.operator.arraycluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.operator.arraycluster.desired.WorkerGroup;

/**
 * Workers wanted per group when the spec decides (Manual and External modes): {@code replicas},
 * else {@code minReplicas}, within the bounds; none while suspended.
 */
final class ManualTarget {

    private ManualTarget() {
    }

    static Map<String, Integer> of(ArrayClusterSpec spec) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        boolean suspended = Boolean.TRUE.equals(spec.getSuspend());
        for (WorkerGroup group : WorkerGroup.of(spec)) {
            int min = Optional.ofNullable(group.spec().getMinReplicas()).orElse(0);
            int max = Optional.ofNullable(group.spec().getMaxReplicas()).orElse(Integer.MAX_VALUE);
            int wanted = Optional.ofNullable(group.replicas()).orElse(min);
            targets.put(group.name(), suspended ? 0 : Math.max(min, Math.min(max, wanted)));
        }
        return targets;
    }
}

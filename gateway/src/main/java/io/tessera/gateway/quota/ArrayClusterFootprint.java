package io.tessera.gateway.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingMode;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.WorkerGroupSpec;

/**
 * What an ArrayCluster may hold at most, the amount admission reserves: the scheduler plus, for
 * every worker group, its largest worker count times one worker's requests. Every admission path
 * (REST, webhook, queue) charges through this one function, so a cluster created over REST and
 * seen again by the webhook is charged the same and admitted idempotently.
 *
 * <p>Requests follow the operator's rule (unset requests default to the limits). The largest
 * worker count is {@code maxReplicas} when set, else what the operator would run: the replicas
 * for Manual and External, {@code minReplicas} for Adaptive (an unset maximum means "no more than
 * the minimum" there).
 *
 * @param resources the reservation
 * @param unsized containers ("scheduler", "worker", "worker group gpu") that request no CPU or
 *        no memory; admission refuses them in quota-managed namespaces, since they would run
 *        uncharged
 */
public record ArrayClusterFootprint(Resources resources, List<String> unsized) {

    public static final String GPU = "nvidia.com/gpu";

    public static ArrayClusterFootprint of(ArrayClusterSpec spec) {
        List<String> unsized = new ArrayList<>();
        AutoscalingMode mode = Optional.ofNullable(spec.getAutoscaling()).map(AutoscalingSpec::getMode)
                .orElse(AutoscalingMode.Manual);
        Resources total = container("scheduler",
                Optional.ofNullable(spec.getScheduler()).map(SchedulerSpec::getResources).orElse(null), unsized);
        long workers = 0;
        if (spec.getWorker() != null) {
            int count = largestCount(spec.getWorker(), spec.getWorker().getReplicas(), mode);
            total = total.plus(times(container("worker", spec.getWorker().getResources(), unsized), count));
            workers += count;
        }
        for (var group : Optional.ofNullable(spec.getAdditionalWorkerGroups()).orElse(List.of())) {
            int count = largestCount(group, group.getReplicas(), mode);
            total = total.plus(times(container("worker group " + group.getName(), group.getResources(), unsized),
                    count));
            workers += count;
        }
        return new ArrayClusterFootprint(new Resources(total.millicores(), total.memoryBytes(), total.gpus(), workers),
                List.copyOf(unsized));
    }

    static int largestCount(WorkerGroupSpec group, Integer replicas, AutoscalingMode mode) {
        if (group.getMaxReplicas() != null) {
            return group.getMaxReplicas();
        }
        Integer count = mode == AutoscalingMode.Adaptive ? group.getMinReplicas() : replicas;
        return Optional.ofNullable(count).orElse(0);
    }

    private static Resources container(String what, ResourceRequirements declared, List<String> unsized) {
        Map<String, Quantity> requests = new TreeMap<>();
        Optional.ofNullable(declared).map(ResourceRequirements::getLimits).ifPresent(requests::putAll);
        Optional.ofNullable(declared).map(ResourceRequirements::getRequests).ifPresent(requests::putAll);
        if (!requests.containsKey("cpu") || !requests.containsKey("memory")) {
            unsized.add(what);
        }
        return new Resources(
                amount(requests.get("cpu")).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact(),
                amount(requests.get("memory")).setScale(0, RoundingMode.CEILING).longValueExact(),
                amount(requests.get(GPU)).setScale(0, RoundingMode.CEILING).longValueExact(), 0);
    }

    private static BigDecimal amount(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(quantity);
    }

    private static Resources times(Resources one, int count) {
        return new Resources(Math.multiplyExact(one.millicores(), count), Math.multiplyExact(one.memoryBytes(), count),
                Math.multiplyExact(one.gpus(), count), 0);
    }
}

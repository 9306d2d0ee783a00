package io.tessera.gateway.metering;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import io.tessera.gateway.quota.Resources;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pod holds on its node, computed the way the Kubernetes scheduler does: the sum of its
 * containers (plus restartable init containers, i.e. sidecars), or the largest plain init
 * container if that is bigger, plus the pod overhead. A container's unset request defaults to its
 * limit, as for {@link ArrayClusterFootprint}, so metering and admission read the same numbers.
 */
public final class PodRequests {

    private PodRequests() {
    }

    public static Resources of(PodSpec spec) {
        Resources running = Resources.ZERO;
        Resources largestInit = Resources.ZERO;
        Resources sidecars = Resources.ZERO;
        for (Container init : Optional.ofNullable(spec.getInitContainers()).orElse(List.of())) {
            Resources one = container(init.getResources());
            if ("Always".equals(init.getRestartPolicy())) {
                // A sidecar keeps running beside the app containers and counts for the later inits too.
                sidecars = sidecars.plus(one);
            } else {
                largestInit = max(largestInit, one.plus(sidecars));
            }
        }
        for (Container container : Optional.ofNullable(spec.getContainers()).orElse(List.of())) {
            running = running.plus(container(container.getResources()));
        }
        Resources overhead = amounts(Optional.ofNullable(spec.getOverhead()).orElse(Map.of()));
        return max(running.plus(sidecars), largestInit).plus(overhead);
    }

    private static Resources container(ResourceRequirements declared) {
        Map<String, Quantity> requests = new HashMap<>();
        Optional.ofNullable(declared).map(ResourceRequirements::getLimits).ifPresent(requests::putAll);
        Optional.ofNullable(declared).map(ResourceRequirements::getRequests).ifPresent(requests::putAll);
        return amounts(requests);
    }

    private static Resources amounts(Map<String, Quantity> values) {
        return new Resources(
                amount(values.get("cpu")).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact(),
                amount(values.get("memory")).setScale(0, RoundingMode.CEILING).longValueExact(),
                amount(values.get(ArrayClusterFootprint.GPU)).setScale(0, RoundingMode.CEILING).longValueExact(), 0);
    }

    private static BigDecimal amount(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(quantity);
    }

    private static Resources max(Resources a, Resources b) {
        return new Resources(Math.max(a.millicores(), b.millicores()), Math.max(a.memoryBytes(), b.memoryBytes()),
                Math.max(a.gpus(), b.gpus()), 0);
    }
}

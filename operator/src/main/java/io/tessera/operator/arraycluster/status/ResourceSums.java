package io.tessera.operator.arraycluster.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.tessera.api.v1alpha1.arraycluster.status.ResourceTotals;

/** Totals of the resources requested by a set of pods, formatted as readable Kubernetes quantities. */
final class ResourceSums {

    private static final String GPU = "nvidia.com/gpu";
    private static final List<String> BINARY_UNITS = List.of("Ti", "Gi", "Mi", "Ki");

    private ResourceSums() {
    }

    static ResourceTotals of(List<Pod> pods) {
        ResourceTotals totals = new ResourceTotals();
        totals.setCpu(cpu(sum(pods, "cpu")));
        totals.setMemory(memory(sum(pods, "memory")));
        BigDecimal gpus = sum(pods, GPU);
        totals.setGpu(gpus.signum() == 0 ? null : gpus.stripTrailingZeros().toPlainString());
        return totals;
    }

    private static BigDecimal sum(List<Pod> pods, String resource) {
        return pods.stream().flatMap(p -> p.getSpec().getContainers().stream())
                .map(Container::getResources).map(ResourceSums::requests)
                .map(r -> r.get(resource)).filter(q -> q != null)
                .map(Quantity::getAmountInBytes).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<String, Quantity> requests(ResourceRequirements requirements) {
        return Optional.ofNullable(requirements).map(ResourceRequirements::getRequests).orElse(Map.of());
    }

    /** Whole cores as a plain number, anything else in millicores (8, 8500m). */
    private static String cpu(BigDecimal cores) {
        if (cores.stripTrailingZeros().scale() <= 0) {
            return cores.stripTrailingZeros().toPlainString();
        }
        return cores.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).toPlainString() + "m";
    }

    /** The largest binary unit that divides the total exactly (32Gi, 8704Mi), else bytes. */
    private static String memory(BigDecimal bytes) {
        BigDecimal whole = bytes.setScale(0, RoundingMode.CEILING);
        if (whole.signum() == 0) {
            return "0";
        }
        for (String unit : BINARY_UNITS) {
            BigDecimal size = Quantity.getAmountInBytes(new Quantity("1" + unit));
            BigDecimal[] division = whole.divideAndRemainder(size);
            if (division[1].signum() == 0) {
                return division[0].toPlainString() + unit;
            }
        }
        return whole.toPlainString();
    }
}

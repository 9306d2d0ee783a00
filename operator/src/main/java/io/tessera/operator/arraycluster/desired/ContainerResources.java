package io.tessera.operator.arraycluster.desired;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/**
 * Resources of a Dask container as Tessera runs it: requests default to the limits (so quota,
 * scheduling and Dask all see the same numbers), and the worker's threads and memory limit follow.
 */
public record ContainerResources(ResourceRequirements requirements) {

    public static ContainerResources of(ResourceRequirements declared) {
        Map<String, Quantity> limits = new TreeMap<>(Optional.ofNullable(declared)
                .map(ResourceRequirements::getLimits).orElse(Map.of()));
        Map<String, Quantity> requests = new TreeMap<>(limits);
        Optional.ofNullable(declared).map(ResourceRequirements::getRequests).ifPresent(requests::putAll);
        return new ContainerResources(new ResourceRequirementsBuilder()
                .withRequests(requests.isEmpty() ? null : requests)
                .withLimits(limits.isEmpty() ? null : limits).build());
    }

    /** Threads per worker: the explicit setting, else the CPU request rounded up, at least 1. */
    public int threads(Integer explicit) {
        if (explicit != null) {
            return explicit;
        }
        return quantity("requests", "cpu")
                .map(cpu -> Quantity.getAmountInBytes(cpu).setScale(0, RoundingMode.CEILING).intValueExact())
                .map(n -> Math.max(1, n)).orElse(1);
    }

    /** Memory limit in bytes for {@code --memory-limit}; empty lets Dask size itself. */
    public Optional<BigDecimal> memoryLimitBytes() {
        return quantity("limits", "memory").or(() -> quantity("requests", "memory")).map(Quantity::getAmountInBytes)
                .map(bytes -> bytes.setScale(0, RoundingMode.FLOOR));
    }

    private Optional<Quantity> quantity(String kind, String resource) {
        Map<String, Quantity> values = "limits".equals(kind) ? requirements.getLimits() : requirements.getRequests();
        return Optional.ofNullable(values).map(v -> v.get(resource));
    }
}

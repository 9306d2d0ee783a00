package io.tessera.gateway.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One group's figures for the metrics: what its live clusters reserve, its quota (empty =
 * unlimited) and the core-seconds metered so far (open intervals up to the snapshot time).
 */
public record GroupFigures(String group, long reservedMillicores, long reservedMemoryBytes, long reservedGpus,
                           OptionalLong limitMillicores, OptionalLong limitMemoryBytes, OptionalLong limitGpus,
                           double meteredCoreSeconds) {

    /** reserved / limit; empty when unlimited, or when the limit is 0 (no ratio means anything then). */
    public static OptionalDouble utilisation(long reserved, OptionalLong limit) {
        return limit.isPresent() && limit.getAsLong() > 0
                ? OptionalDouble.of((double) reserved / limit.getAsLong()) : OptionalDouble.empty();
    }
}

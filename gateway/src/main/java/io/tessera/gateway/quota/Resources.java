package io.tessera.gateway.quota;

import java.math.BigDecimal;

/**
 * An amount of cluster resources in Kubernetes' exact units: CPU in millicores, memory in bytes,
 * whole GPUs and Dask workers. Also used for differences (a scale-down has negative components),
 * so components may be negative; arithmetic throws on overflow instead of wrapping.
 */
public record Resources(long millicores, long memoryBytes, long gpus, long workers) {

    public static final Resources ZERO = new Resources(0, 0, 0, 0);

    /** Whole or fractional cores (at most millicore precision), as people write them. */
    public static long millicoresOf(BigDecimal cores) {
        try {
            return cores.movePointRight(3).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("cores " + cores.toPlainString()
                    + " must be a multiple of 0.001 and at most " + Long.MAX_VALUE / 1000);
        }
    }

    public Resources plus(Resources other) {
        return new Resources(Math.addExact(millicores, other.millicores),
                Math.addExact(memoryBytes, other.memoryBytes),
                Math.addExact(gpus, other.gpus),
                Math.addExact(workers, other.workers));
    }

    public Resources minus(Resources other) {
        return new Resources(Math.subtractExact(millicores, other.millicores),
                Math.subtractExact(memoryBytes, other.memoryBytes),
                Math.subtractExact(gpus, other.gpus),
                Math.subtractExact(workers, other.workers));
    }

    /** Whether no component is positive: such a change never needs more quota. */
    public boolean isNoIncrease() {
        return millicores <= 0 && memoryBytes <= 0 && gpus <= 0 && workers <= 0;
    }

    /** Whether every component is zero or more: what a reservation must be. */
    public boolean isNonNegative() {
        return millicores >= 0 && memoryBytes >= 0 && gpus >= 0 && workers >= 0;
    }
}

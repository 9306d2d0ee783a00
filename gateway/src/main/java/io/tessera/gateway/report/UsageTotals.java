package io.tessera.gateway.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Core-hours, memory GiB-hours and GPU-hours, rounded half-up to three decimals. */
public record UsageTotals(
        @Schema(description = "core-hours (cores x hours)", example = "12.5") BigDecimal coreHours,
        @Schema(description = "memory GiB-hours (GiB x hours)", example = "50") BigDecimal memoryGibHours,
        @Schema(description = "GPU-hours", example = "0") BigDecimal gpuHours) {

    private static final BigInteger MICROS_PER_HOUR = BigInteger.valueOf(3_600_000_000L);

    /** Exact sums in unit-microseconds (millicore-µs, byte-µs, GPU-µs) before rounding. */
    record Exact(BigInteger millicoreMicros, BigInteger byteMicros, BigInteger gpuMicros) {

        static final Exact ZERO = new Exact(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

        Exact plus(Exact other) {
            return new Exact(millicoreMicros.add(other.millicoreMicros), byteMicros.add(other.byteMicros),
                    gpuMicros.add(other.gpuMicros));
        }

        UsageTotals hours() {
            return new UsageTotals(divide(millicoreMicros, MICROS_PER_HOUR.multiply(BigInteger.valueOf(1000))),
                    divide(byteMicros, MICROS_PER_HOUR.shiftLeft(30)), divide(gpuMicros, MICROS_PER_HOUR));
        }

        private static BigDecimal divide(BigInteger amount, BigInteger perHour) {
            return new BigDecimal(amount).divide(new BigDecimal(perHour), 3, RoundingMode.HALF_UP);
        }
    }
}

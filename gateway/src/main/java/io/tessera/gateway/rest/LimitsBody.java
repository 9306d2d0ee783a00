package io.tessera.gateway.rest;

import io.tessera.gateway.quota.Amounts;
import io.tessera.gateway.quota.Limits;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Limits as the API speaks them: cores as decimals, memory in bytes; an absent field is unlimited. */
@Schema(description = "Limits; an absent or null field means unlimited, 0 means nothing allowed")
public record LimitsBody(
        @Schema(description = "CPU cores (millicore precision)", example = "64") BigDecimal cores,
        @Schema(description = "memory in bytes", example = "274877906944") Long memoryBytes,
        @Schema(description = "whole GPUs") Long gpus,
        @Schema(description = "live clusters") Long clusters,
        @Schema(description = "workers in one cluster (group quota only)") Long workersPerCluster) {

    public Limits toLimits() {
        return new Limits(Checks.millicores("cores", cores), Checks.nonNegative("memoryBytes", memoryBytes),
                Checks.count("gpus", gpus), Checks.count("clusters", clusters),
                Checks.count("workersPerCluster", workersPerCluster));
    }

    public static LimitsBody of(Limits limits) {
        return new LimitsBody(limits.millicores() == null ? null : new BigDecimal(Amounts.cores(limits.millicores())),
                limits.memoryBytes(), limits.gpus(), limits.clusters(), limits.workersPerCluster());
    }
}

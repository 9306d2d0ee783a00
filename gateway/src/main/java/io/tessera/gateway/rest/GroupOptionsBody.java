package io.tessera.gateway.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tessera.gateway.options.GroupOptions;
import io.tessera.gateway.options.Range;
import io.tessera.gateway.quota.Amounts;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A group's cluster-option bounds as the admin API speaks them: cores as decimals, memory in
 * bytes. PUT replaces all of them; an absent section takes the built-in default.
 */
@Schema(description = "Bounds and defaults of the options members choose when they create a cluster "
        + "(dask-gateway GET /api/v1/options); absent sections take the built-in defaults")
public record GroupOptionsBody(
        @Schema(description = "CPU cores per worker") DecimalRange workerCores,
        @Schema(description = "memory per worker in bytes") CountRange workerMemoryBytes,
        @Schema(description = "nvidia.com/gpu per worker") CountRange workerGpus,
        @Schema(description = "images members may pick (empty: the operator's worker image)",
                example = "[\"ghcr.io/example/tessera-worker:2026.3\"]") List<String> images,
        @Schema(description = "one of images; required when images is not empty") String defaultImage,
        @Schema(description = "idle culling in seconds; 0 = never") CountRange idleTimeoutSeconds,
        @Schema(description = "most workers one cluster may scale or adapt to", example = "100") Long maxWorkers,
        @Schema(description = "CPU cores of the scheduler (charged, not chosen)", example = "1") BigDecimal schedulerCores,
        @Schema(description = "memory of the scheduler in bytes", example = "2147483648") Long schedulerMemoryBytes,
        @Schema(description = "whether members may ask for extra conda/pip packages (the environment option); "
                + "default true", example = "true") Boolean allowEnvironment) {

    /** Inclusive bounds and the default, in cores (millicore precision). */
    public record DecimalRange(BigDecimal min, BigDecimal max, @JsonProperty("default") BigDecimal defaultValue) {
    }

    /** Inclusive bounds and the default, whole numbers. */
    public record CountRange(Long min, Long max, @JsonProperty("default") Long defaultValue) {
    }

    public GroupOptions toOptions() {
        GroupOptions d = GroupOptions.DEFAULTS;
        try {
            return new GroupOptions(
                    workerCores == null ? d.workerMillicores() : new Range(
                            millicores("workerCores.min", workerCores.min()), millicores("workerCores.max", workerCores.max()),
                            millicores("workerCores.default", workerCores.defaultValue())),
                    counts("workerMemoryBytes", workerMemoryBytes, d.workerMemoryBytes()),
                    counts("workerGpus", workerGpus, d.workerGpus()),
                    images == null ? List.of() : images.stream().map(i -> Checks.required("images[]", i)).toList(),
                    defaultImage,
                    counts("idleTimeoutSeconds", idleTimeoutSeconds, d.idleTimeoutSeconds()),
                    maxWorkers == null ? d.maxWorkers() : Math.toIntExact(Checks.count("maxWorkers", maxWorkers)),
                    schedulerCores == null ? d.schedulerMillicores() : millicores("schedulerCores", schedulerCores),
                    Optional.ofNullable(Checks.nonNegative("schedulerMemoryBytes", schedulerMemoryBytes))
                            .orElse(d.schedulerMemoryBytes()),
                    allowEnvironment == null ? d.allowEnvironment() : allowEnvironment);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    public static GroupOptionsBody of(GroupOptions o) {
        return new GroupOptionsBody(
                new DecimalRange(cores(o.workerMillicores().min()), cores(o.workerMillicores().max()),
                        cores(o.workerMillicores().defaultValue())),
                counts(o.workerMemoryBytes()), counts(o.workerGpus()), o.images(), o.defaultImage(),
                counts(o.idleTimeoutSeconds()), (long) o.maxWorkers(), cores(o.schedulerMillicores()),
                o.schedulerMemoryBytes(), o.allowEnvironment());
    }

    private static long millicores(String field, BigDecimal cores) {
        return Checks.millicores(field, Checks.required(field, cores));
    }

    private static Range counts(String field, CountRange range, Range otherwise) {
        if (range == null) {
            return otherwise;
        }
        return new Range(Checks.nonNegative(field + ".min", Checks.required(field + ".min", range.min())),
                Checks.nonNegative(field + ".max", Checks.required(field + ".max", range.max())),
                Checks.nonNegative(field + ".default", Checks.required(field + ".default", range.defaultValue())));
    }

    private static CountRange counts(Range range) {
        return new CountRange(range.min(), range.max(), range.defaultValue());
    }

    private static BigDecimal cores(long millicores) {
        return new BigDecimal(Amounts.cores(millicores));
    }
}

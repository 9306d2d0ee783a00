package io.tessera.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.gateway.options.OptionsException;

/**
 * The bodies of {@code /scale} and {@code /adapt}, checked as dask-gateway's server checks them,
 * and the per-cluster worker limit applied as it applies cluster_max_workers: clamped, with a
 * message the client shows as a warning, never an error.
 */
public final class ScaleRequests {

    /** The adapt request after defaults (min 0, max the limit) and clamping. */
    public record Adapt(int minimum, int maximum, boolean active, String message) {
    }

    /** A count after clamping; {@code message} is null when nothing was clamped. */
    public record Count(int count, String message) {
    }

    private ScaleRequests() {
    }

    public static int count(JsonNode body) {
        JsonNode count = body == null ? null : body.get("count");
        if (count == null || !count.isIntegralNumber() || count.decimalValue().signum() < 0) {
            throw new OptionsException("Scale expects a non-negative integer, got " + (count == null ? "None" : count));
        }
        return count.canConvertToInt() ? count.intValue() : Integer.MAX_VALUE;
    }

    public static Count clampScale(int count, int maxWorkers) {
        if (count > maxWorkers) {
            return new Count(maxWorkers, "Scale request of " + count + " workers would exceed resource limits. "
                    + "Scaling to " + maxWorkers + " instead.");
        }
        return new Count(count, null);
    }

    public static Adapt adapt(JsonNode body, int maxWorkers) {
        if (body == null || !body.isObject()) {
            throw new OptionsException("Adapt expects a JSON object with minimum, maximum and active");
        }
        Integer minimum = optionalCount(body, "minimum");
        Integer maximum = optionalCount(body, "maximum");
        JsonNode active = body.get("active");
        if (active != null && !active.isNull() && !active.isBoolean()) {
            throw new OptionsException("active must be true or false, got " + active);
        }
        if (minimum != null && maximum != null && minimum > maximum) {
            throw new OptionsException("minimum (" + minimum + ") must be less than or equal to maximum (" + maximum + ")");
        }
        int min = minimum == null ? 0 : minimum;
        int max = maximum == null ? maxWorkers : maximum;
        String message = null;
        if (max > maxWorkers || min > maxWorkers) {
            message = "Adapt with maximum=" + max + ", minimum=" + min + " would exceed resource limits. "
                    + "Adapting with maximum=" + maxWorkers + ", minimum=" + Math.min(min, maxWorkers) + " instead.";
            max = maxWorkers;
            min = Math.min(min, maxWorkers);
        }
        return new Adapt(min, max, active == null || active.isNull() || active.booleanValue(), message);
    }

    private static Integer optionalCount(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.decimalValue().signum() < 0) {
            throw new OptionsException(field + " must be a non-negative integer or null, got " + value);
        }
        return value.canConvertToInt() ? value.intValue() : Integer.MAX_VALUE;
    }
}

package io.tessera.gateway.options;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses the {@code cluster_options} of a create request the way dask-gateway's server does:
 * unknown keys are an error ({@code Unknown fields ['x']}), missing keys take their defaults, each
 * value is type- and range-checked with a message naming the field, the value and the range.
 * {@code group} is always accepted (when it names one of the caller's groups), even though the spec
 * shows it only to members of several groups, so scripts keep working when memberships change.
 */
public final class OptionsParser {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal GI = BigDecimal.valueOf(GroupOptions.GI);

    private OptionsParser() {
    }

    /**
     * @param raw the {@code cluster_options} value: null, JSON null or an object
     * @param groups the caller's groups, default first (never empty)
     * @param boundsOf the options of a group
     */
    public static ClusterOptions parse(JsonNode raw, List<String> groups, Function<String, GroupOptions> boundsOf) {
        if (raw != null && !raw.isNull() && !raw.isObject()) {
            throw new OptionsException("cluster_options must be a JSON object, got " + raw);
        }
        JsonNode options = raw == null || raw.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : raw;
        String group = options.has(OptionsSpec.GROUP) ? select(OptionsSpec.GROUP, options.get(OptionsSpec.GROUP), groups)
                : groups.get(0);
        GroupOptions bounds = boundsOf.apply(group);
        rejectUnknown(options, bounds);
        String image = bounds.images().isEmpty() ? null : options.has(OptionsSpec.IMAGE)
                ? select(OptionsSpec.IMAGE, options.get(OptionsSpec.IMAGE), bounds.images()) : bounds.defaultImage();
        long millicores = ranged(OptionsSpec.WORKER_CORES, options, bounds.workerMillicores(),
                v -> exact(OptionsSpec.WORKER_CORES, v.multiply(THOUSAND), "a multiple of 0.001"),
                OptionsParser::plainCores);
        long memory = ranged(OptionsSpec.WORKER_MEMORY, options, bounds.workerMemoryBytes(),
                v -> v.multiply(GI).setScale(0, RoundingMode.CEILING), OptionsParser::plainGib);
        long gpus = integer(OptionsSpec.WORKER_GPUS, options, bounds.workerGpus());
        long idle = integer(OptionsSpec.IDLE_TIMEOUT, options, bounds.idleTimeoutSeconds());
        ClusterEnvironment environment = !bounds.allowEnvironment() ? null : options.has(OptionsSpec.ENVIRONMENT)
                ? EnvironmentParser.parse(options.get(OptionsSpec.ENVIRONMENT)) : ClusterEnvironment.EMPTY;
        return new ClusterOptions(group, millicores, memory, gpus, image, idle, environment);
    }

    /** The fields a member of this group may send. */
    static Set<String> known(GroupOptions bounds) {
        Set<String> known = new HashSet<>(Set.of(OptionsSpec.GROUP, OptionsSpec.WORKER_CORES, OptionsSpec.WORKER_MEMORY,
                OptionsSpec.WORKER_GPUS, OptionsSpec.IDLE_TIMEOUT));
        if (!bounds.images().isEmpty()) {
            known.add(OptionsSpec.IMAGE);
        }
        if (bounds.allowEnvironment()) {
            known.add(OptionsSpec.ENVIRONMENT);
        }
        return known;
    }

    private static void rejectUnknown(JsonNode options, GroupOptions bounds) {
        Set<String> known = known(bounds);
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            // The exact words and the Python list form of dask-gateway's server.
            throw new OptionsException("Unknown fields " + pythonList(unknown.stream().sorted().toList()));
        }
    }

    private static String select(String field, JsonNode value, List<String> allowed) {
        if (!value.isTextual() || !allowed.contains(value.textValue())) {
            throw new OptionsException(field + " must be one of " + pythonList(allowed) + ", got " + value);
        }
        return value.textValue();
    }

    private static long ranged(String field, JsonNode options, Range range, Function<BigDecimal, BigDecimal> toUnits,
                               Function<Long, String> shown) {
        if (!options.has(field)) {
            return range.defaultValue();
        }
        JsonNode value = options.get(field);
        if (!value.isNumber()) {
            throw new OptionsException(field + " must be a number, got " + value);
        }
        if (value.isFloatingPointNumber() && !value.isBigDecimal() && !Double.isFinite(value.doubleValue())) {
            // 1e400 parses to Infinity, which has no decimal value: out of any range.
            throw outOfRange(field, Double.toString(value.doubleValue()), shown.apply(range.min()),
                    shown.apply(range.max()));
        }
        BigDecimal units = toUnits.apply(value.decimalValue());
        if (units.compareTo(BigDecimal.valueOf(range.min())) < 0 || units.compareTo(BigDecimal.valueOf(range.max())) > 0) {
            throw outOfRange(field, value.toString(), shown.apply(range.min()),
                    shown.apply(range.max()));
        }
        return units.longValueExact();
    }

    private static long integer(String field, JsonNode options, Range range) {
        if (!options.has(field)) {
            return range.defaultValue();
        }
        JsonNode value = options.get(field);
        if (!value.isIntegralNumber()) {
            throw new OptionsException(field + " must be an integer, got " + value);
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(BigDecimal.valueOf(range.min())) < 0 || number.compareTo(BigDecimal.valueOf(range.max())) > 0) {
            throw outOfRange(field, number.toPlainString(), Long.toString(range.min()), Long.toString(range.max()));
        }
        return number.longValueExact();
    }

    private static BigDecimal exact(String field, BigDecimal units, String rule) {
        if (units.stripTrailingZeros().scale() > 0) {
            throw new OptionsException(field + " must be " + rule + ", got " + units.movePointLeft(3).stripTrailingZeros()
                    .toPlainString());
        }
        return units;
    }

    private static OptionsException outOfRange(String field, String value, String min, String max) {
        return new OptionsException(field + " " + value + " is out of range: allowed " + min + " to " + max);
    }

    private static String plainCores(long millicores) {
        return BigDecimal.valueOf(millicores, 3).stripTrailingZeros().toPlainString();
    }

    private static String plainGib(long bytes) {
        return BigDecimal.valueOf(bytes).divide(GI).stripTrailingZeros().toPlainString();
    }

    static String pythonList(List<String> items) {
        return items.stream().map(i -> "'" + i.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]").orElse("[]");
    }
}

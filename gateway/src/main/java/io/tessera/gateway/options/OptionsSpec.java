package io.tessera.gateway.options;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code cluster_options} list of {@code GET /api/v1/options} in dask-gateway's exact format:
 * {@code {"field", "label", "default", "spec": {"type", ...}}} with only the spec keys the client's
 * field classes accept (any extra key is a TypeError there), JSON integers for {@code int} fields.
 * The list order is the order the client's widget shows.
 */
public final class OptionsSpec {

    public static final String GROUP = "group";
    public static final String IMAGE = "image";
    public static final String WORKER_CORES = "worker_cores";
    public static final String WORKER_MEMORY = "worker_memory";
    public static final String WORKER_GPUS = "worker_gpus";
    public static final String IDLE_TIMEOUT = "idle_timeout";
    public static final String ENVIRONMENT = "environment";

    private static final BigDecimal GI = BigDecimal.valueOf(GroupOptions.GI);

    private OptionsSpec() {
    }

    /**
     * @param groups the caller's groups, default first; a {@code group} select appears when there are several
     * @param bounds the bounds of the default group: the spec has one set of ranges, the chosen group's
     *        own ranges are applied when the cluster is created
     * @param condaEnabled whether the environment option may list conda packages (else pip only)
     */
    public static List<Map<String, Object>> of(List<String> groups, GroupOptions bounds, boolean condaEnabled) {
        List<Map<String, Object>> fields = new ArrayList<>();
        if (groups.isEmpty()) {
            return fields;
        }
        if (groups.size() > 1) {
            fields.add(field(GROUP, "Group", groups.get(0), select(groups)));
        }
        if (!bounds.images().isEmpty()) {
            fields.add(field(IMAGE, "Image", bounds.defaultImage(), select(bounds.images())));
        }
        Range cores = bounds.workerMillicores();
        fields.add(field(WORKER_CORES, "Worker cores", cores(cores.defaultValue()),
                bounded("float", cores(cores.min()), cores(cores.max()))));
        Range memory = bounds.workerMemoryBytes();
        fields.add(field(WORKER_MEMORY, "Worker memory (GiB)", gib(memory.defaultValue()),
                bounded("float", gib(memory.min()), gib(memory.max()))));
        Range gpus = bounds.workerGpus();
        fields.add(field(WORKER_GPUS, "Worker GPUs", gpus.defaultValue(), bounded("int", gpus.min(), gpus.max())));
        Range idle = bounds.idleTimeoutSeconds();
        fields.add(field(IDLE_TIMEOUT, "Idle timeout (seconds, 0 = never)", idle.defaultValue(),
                bounded("int", idle.min(), idle.max())));
        if (bounds.allowEnvironment()) {
            // A mapping spec has no keys but its type; the client shows a YAML/JSON text area.
            fields.add(field(ENVIRONMENT, condaEnabled ? "Extra packages (pip, conda, conda_channels)" : "Extra packages (pip)",
                    Map.of(), Map.of("type", "mapping")));
        }
        return fields;
    }

    /** Cores as the float the client shows, e.g. 0.25 or 1.0. */
    public static double cores(long millicores) {
        return BigDecimal.valueOf(millicores, 3).doubleValue();
    }

    /** Bytes as GiB, as the float the client shows (exact for whole MiB amounts and most others). */
    public static double gib(long bytes) {
        return BigDecimal.valueOf(bytes).divide(GI, MathContext.DECIMAL64).doubleValue();
    }

    private static Map<String, Object> field(String name, String label, Object defaultValue, Map<String, Object> spec) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("field", name);
        field.put("label", label);
        field.put("default", defaultValue);
        field.put("spec", spec);
        return field;
    }

    private static Map<String, Object> select(List<String> options) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "select");
        spec.put("options", List.copyOf(options));
        return spec;
    }

    private static Map<String, Object> bounded(String type, Object min, Object max) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type);
        spec.put("min", min);
        spec.put("max", max);
        return spec;
    }
}

package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * The environment contract between the operator and the worker image's entrypoint
 * (worker-image/README.md): the role is the container's first argument, everything else is an
 * environment variable, so the image decides how Dask is started (environment sync, TLS, checks).
 */
public final class DaskContainerEnv {

    public static final String SCHEDULER_ADDRESS = "DASK_SCHEDULER_ADDRESS";
    public static final String WORKER_NAME = "TESSERA_WORKER_NAME";
    public static final String WORKER_THREADS = "TESSERA_WORKER_THREADS";
    public static final String WORKER_MEMORY_LIMIT = "TESSERA_WORKER_MEMORY_LIMIT";
    public static final String WORKER_RESOURCES = "TESSERA_WORKER_RESOURCES";
    public static final String SCHEDULER_PORT = "TESSERA_SCHEDULER_PORT";
    public static final String DASHBOARD_PORT = "TESSERA_DASHBOARD_PORT";
    public static final String DASHBOARD = "TESSERA_DASHBOARD";
    /** The scheduler's URL prefix for all its HTTP routes ({@link ClusterNames#dashboardPrefix}). */
    public static final String DASHBOARD_PREFIX = "TESSERA_DASHBOARD_PREFIX";
    /** Dask's own setting; the entrypoint enables the same routes, set here so the dependency is explicit. */
    public static final String HTTP_ROUTES = "DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES";

    private final List<EnvVar> vars = new ArrayList<>();

    public DaskContainerEnv set(String name, Object value) {
        vars.add(new EnvVarBuilder().withName(name).withValue(String.valueOf(value)).build());
        return this;
    }

    public DaskContainerEnv setIfPresent(String name, Optional<?> value) {
        value.ifPresent(v -> set(name, v));
        return this;
    }

    public List<EnvVar> toList() {
        return List.copyOf(vars);
    }

    /** {"GPU": 1, "VRAM": 0.5} becomes "GPU=1 VRAM=0.5", sorted so the pod spec is stable. */
    public static Optional<String> daskResources(Map<String, Double> resources) {
        if (resources == null || resources.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TreeMap<>(resources).entrySet().stream()
                .map(e -> e.getKey() + "=" + formatNumber(e.getValue())).collect(Collectors.joining(" ")));
    }

    private static String formatNumber(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

package io.tessera.gateway.options;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options one cluster is created with, validated against its group's bounds, in exact units.
 *
 * @param image null when the group offers no image choice (the operator's image is used)
 * @param idleTimeoutSeconds 0 means never culled
 * @param environment extra packages; null when the group does not offer the option (then the option is
 *        neither shown nor reported), {@link ClusterEnvironment#EMPTY} when offered but not used
 */
public record ClusterOptions(String group, long workerMillicores, long workerMemoryBytes, long workerGpus,
                             String image, long idleTimeoutSeconds, ClusterEnvironment environment) {

    /** The user-facing form returned in cluster reports: the wire names and units of the options spec. */
    public Map<String, Object> normalised() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put(OptionsSpec.GROUP, group);
        if (image != null) {
            options.put(OptionsSpec.IMAGE, image);
        }
        options.put(OptionsSpec.WORKER_CORES, OptionsSpec.cores(workerMillicores));
        options.put(OptionsSpec.WORKER_MEMORY, OptionsSpec.gib(workerMemoryBytes));
        options.put(OptionsSpec.WORKER_GPUS, workerGpus);
        options.put(OptionsSpec.IDLE_TIMEOUT, idleTimeoutSeconds);
        // Reported exactly when the spec lists the field, as dask-gateway reports every option field.
        if (environment != null) {
            options.put(OptionsSpec.ENVIRONMENT, environment.normalised());
        }
        return options;
    }
}

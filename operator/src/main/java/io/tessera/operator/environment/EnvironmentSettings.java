package io.tessera.operator.environment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operator's environment settings ({@code tessera.operator.environments.*}) as the pure
 * factories need them: the cache claim's shape, the build's limits, whether the image has a conda
 * tool, and the package index settings that reach the build Job only.
 *
 * @param caBundle the PEM text of the operator's CA bundle file, shipped in the environment's ConfigMap
 */
public record EnvironmentSettings(Optional<String> storageClass, String cacheSize, String accessMode,
        Duration buildTimeout, String buildCpu, String buildMemory, boolean condaEnabled, Optional<String> indexUrl,
        List<String> extraIndexUrls, Optional<String> caBundle, Optional<String> httpProxy,
        Optional<String> httpsProxy, Optional<String> noProxy) {

    public EnvironmentSettings {
        extraIndexUrls = List.copyOf(extraIndexUrls);
    }

    /** The defaults of the settings (and of the chart). */
    public static EnvironmentSettings defaults() {
        return new EnvironmentSettings(Optional.empty(), "20Gi", "ReadWriteMany", Duration.ofMinutes(30), "1", "2Gi",
                false, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}

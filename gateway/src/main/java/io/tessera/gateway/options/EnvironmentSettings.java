package io.tessera.gateway.options;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the platform's worker image can build ({@code tessera.gateway.environments.*}; the chart sets
 * it from the same value as the operator's, docs/arraycluster-guide.md "Environments").
 */
@ConfigMapping(prefix = "tessera.gateway.environments")
public interface EnvironmentSettings {

    /**
     * Whether conda packages may be asked for: only when the worker image carries micromamba, mamba
     * or conda and a channel is reachable from the build Jobs. Off, they are refused at admission.
     */
    @WithDefault("false")
    boolean condaEnabled();
}

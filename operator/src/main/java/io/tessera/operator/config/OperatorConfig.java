package io.tessera.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator's settings ({@code tessera.operator.*} in application.properties or env). */
@ConfigMapping(prefix = "tessera.operator")
public interface OperatorConfig {

    /** Image for scheduler, workers and runner when a cluster does not name one. */
    @WithDefault("tessera/worker:0.1.0")
    String workerImage();

    /** Most worker pods created for one group in one reconciliation, so one big cluster cannot starve others. */
    @WithDefault("16")
    int workerBatchSize();

    /** Field manager name for server-side apply. */
    @WithDefault("tessera-operator")
    String fieldManager();
}

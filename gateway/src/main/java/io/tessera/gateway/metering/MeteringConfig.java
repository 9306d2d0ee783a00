package io.tessera.gateway.metering;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the pod usage meter ({@code tessera.gateway.metering.*}). */
@ConfigMapping(prefix = "tessera.gateway.metering")
public interface MeteringConfig {

    /** Whether to watch pods at all; off where no Kubernetes API is reachable (most tests). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often open intervals of visible pods get their last-seen time (one UPDATE), and
     * intervals of vanished pods are closed. Bounds the error of an estimated end.
     */
    @WithDefault("60s")
    Duration heartbeatPeriod();

    /** An open interval is closed as vanished only if it was not seen for this long (replica lag). */
    @WithDefault("120s")
    Duration goneGrace();

    /** How often the informer replays every cached pod (repairs writes that failed). */
    @WithDefault("10m")
    Duration resyncPeriod();
}

package io.tessera.operator.arraycluster.desired;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/**
 * Probes of the scheduler and worker containers, as the worker image's README specifies: both
 * serve {@code health} (alive) and {@code tessera/ready} (scheduler running, or worker
 * registered with its scheduler) on their HTTP port, under the scheduler's dashboard prefix
 * ({@link ClusterNames#dashboardPrefix}, which moves every route of the scheduler) or under
 * {@code /} for workers. Nothing listens while the entrypoint builds
 * an environment, so a startup probe with a 30-minute budget (the image's build-lock timeout)
 * holds liveness back until then. Liveness is lenient: a worker busy spilling to disk answers
 * slowly, and restarting it would lose its data.
 */
final class HealthProbes {

    /** Workers serve their routes without a prefix. */
    static final String ROOT = "/";
    private static final String ALIVE = "health";
    private static final String READY = "tessera/ready";
    private static final int STARTUP_PERIOD_SECONDS = 10;
    private static final int STARTUP_BUDGET_SECONDS = 1800;

    private HealthProbes() {
    }

    static Probe readiness(String prefix) {
        return new ProbeBuilder().withNewHttpGet().withPath(prefix + READY).withPort(new IntOrString("dashboard")).endHttpGet()
                .withPeriodSeconds(5).build();
    }

    static Probe startup(String prefix) {
        return new ProbeBuilder().withNewHttpGet().withPath(prefix + ALIVE).withPort(new IntOrString("dashboard")).endHttpGet()
                .withPeriodSeconds(STARTUP_PERIOD_SECONDS)
                .withFailureThreshold(STARTUP_BUDGET_SECONDS / STARTUP_PERIOD_SECONDS).build();
    }

    static Probe liveness(String prefix) {
        return new ProbeBuilder().withNewHttpGet().withPath(prefix + ALIVE).withPort(new IntOrString("dashboard")).endHttpGet()
                .withPeriodSeconds(20).withTimeoutSeconds(10).withFailureThreshold(6).build();
    }
}

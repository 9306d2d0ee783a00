package io.tessera.operator.arraycluster.desired;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/**
 * Probes of the scheduler and worker containers: both serve {@code /health} on their HTTP port
 * (the worker image's README). Liveness is lenient, since a worker busy spilling to disk answers
 * slowly and restarting it would lose its data.
 */
final class HealthProbes {

    private static final String PATH = "/health";

    private HealthProbes() {
    }

    static Probe readiness() {
        return new ProbeBuilder().withNewHttpGet().withPath(PATH).withPort(new IntOrString("dashboard")).endHttpGet()
                .withPeriodSeconds(5).build();
    }

    static Probe liveness() {
        return new ProbeBuilder().withNewHttpGet().withPath(PATH).withPort(new IntOrString("dashboard")).endHttpGet()
                .withPeriodSeconds(20).withTimeoutSeconds(10).withFailureThreshold(6).build();
    }
}

package io.tessera.operator.arraycluster;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.tessera.operator.arraycluster.scaling.PodExpectations;

/** One set of pod expectations for all clusters, shared by the reconciler and the worker scaler. */
public class ExpectationsProducer {

    /** Longer than any watch delay seen in practice, short enough that a lost event only delays. */
    private static final Duration EXPECTATION_TTL = Duration.ofMinutes(5);

    @Produces
    @Singleton
    PodExpectations expectations(Clock clock) {
        return new PodExpectations(clock, EXPECTATION_TTL);
    }
}

package io.tessera.gateway.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.gateway.quota.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Counts admission decisions by operation and result; never by group or user (cardinality). */
@ApplicationScoped
public class AdmissionMetrics {

    @Inject
    MeterRegistry registry;

    public Decision count(String operation, Decision decision) {
        registry.counter("tessera.gateway.admissions", "operation", operation,
                "result", decision.admitted() ? "admitted" : "rejected").increment();
        return decision;
    }
}

package io.tessera.operator.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;

/**
 * The operator's own metrics (Prometheus at {@code /q/metrics}). Tags are low-cardinality on
 * purpose: phases, reasons and operations, never cluster or namespace names, which would grow
 * the series without bound.
 */
@ApplicationScoped
public class OperatorMetrics {

    @Inject
    MeterRegistry registry;

    public void workersCreated(int count) {
        Counter.builder("tessera.workers.created").description("Worker pods created")
                .register(registry).increment(count);
    }

    /** @param reason retired, finished, pending, drain-timeout, suspended or failed */
    public void workersDeleted(String reason, int count) {
        Counter.builder("tessera.workers.deleted").description("Worker pods deleted, by reason").tag("reason", reason)
                .register(registry).increment(count);
    }

    public void schedulerRestarted() {
        Counter.builder("tessera.scheduler.restarts").description("Scheduler pods recreated after a failure")
                .register(registry).increment();
    }

    public void clusterFailed(String reason) {
        Counter.builder("tessera.cluster.failures").description("Clusters marked Failed, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** A build Job created: one per environment content and namespace (retries after a deleted Job too). */
    public void environmentBuildStarted() {
        Counter.builder("tessera.environment.builds.started")
                .description("Environment build Jobs created (one per content hash and namespace)")
                .register(registry).increment();
    }

    public void schedulerApiError(String operation) {
        Counter.builder("tessera.scheduler.api.errors").description("Failed calls to a scheduler's HTTP API")
                .tag("operation", operation).register(registry).increment();
    }

    /** @param result Succeeded or Failed; @param reason the failure reason, {@code none} on success */
    public void runFinished(String result, String reason) {
        Counter.builder("tessera.runs.finished").description("ArrayJobs finished, by result and failure reason")
                .tag("result", result).tag("reason", reason).register(registry).increment();
    }

    /** @param trigger Schedule or Manual */
    public void scheduledRunCreated(String trigger) {
        Counter.builder("tessera.scheduled.runs.created").description("Runs a ScheduledJob created, by trigger")
                .tag("trigger", trigger).register(registry).increment();
    }

    public void timeToReady(Duration sinceCreation) {
        Timer.builder("tessera.cluster.time.to.ready").description("From ArrayCluster creation to its first Ready")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry).record(sinceCreation);
    }

    /** One gauge per phase, counting the clusters the operator's cache holds in that phase. */
    public void watchPhases(Supplier<Stream<ArrayCluster>> clusters) {
        for (ArrayClusterPhase phase : ArrayClusterPhase.values()) {
            Gauge.builder("tessera.clusters", () -> clusters.get().filter(c -> phase == phaseOf(c)).count())
                    .description("ArrayClusters by phase").tag("phase", phase.name()).register(registry);
        }
    }

    private static ArrayClusterPhase phaseOf(ArrayCluster cluster) {
        return Optional.ofNullable(cluster.getStatus()).map(ArrayClusterStatus::getPhase).orElse(ArrayClusterPhase.Pending);
    }
}

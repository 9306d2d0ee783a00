package io.tessera.operator.arraycluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.logging.Log;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.spec.IdleAction;
import io.tessera.api.v1alpha1.arraycluster.spec.IdleSpec;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.lifecycle.IdleDecision;
import io.tessera.operator.arraycluster.scaling.WorkerState;
import io.tessera.operator.arraycluster.scheduler.SchedulerClients;
import io.tessera.operator.arraycluster.scheduler.SchedulerUnreachableException;
import io.tessera.operator.arraycluster.status.PodStates;
import io.tessera.operator.arraycluster.status.StatusInputs;
import io.tessera.operator.common.EventRecorder;
import io.tessera.operator.common.GoDuration;
import io.tessera.operator.metrics.OperatorMetrics;

/**
 * spec.idle: asks the scheduler since when it has had no work and, once that exceeds the
 * timeout, deletes the cluster, suspends it, or runs it with zero workers until work arrives.
 */
@ApplicationScoped
public class IdleHandler {

    private static final Duration MAX_POLL = Duration.ofSeconds(30);
    private static final Duration MIN_POLL = Duration.ofSeconds(1);

    @Inject
    KubernetesClient client;
    @Inject
    SchedulerClients schedulers;
    @Inject
    EventRecorder events;
    @Inject
    OperatorMetrics metrics;

    /** @return the idle report, when spec.idle.timeout is set and the ready scheduler answered */
    public Optional<StatusInputs.IdleReport> check(ArrayCluster cluster, List<Pod> pods, Instant now,
            List<Duration> recheck) {
        Optional<Duration> timeout = timeout(cluster);
        boolean schedulerReady = pods.stream()
                .filter(p -> ClusterNames.schedulerPod(cluster.getMetadata().getName()).equals(p.getMetadata().getName()))
                .anyMatch(PodStates::ready);
        if (timeout.isEmpty() || !schedulerReady) {
            return Optional.empty();
        }
        Duration poll = pollInterval(timeout.get());
        try {
            IdleDecision decision = IdleDecision.decide(schedulers.forCluster(cluster).idleSince(), timeout.get(), poll, now);
            recheck.add(decision.recheckIn());
            return Optional.of(new StatusInputs.IdleReport(decision.idleSince(), decision.actionDue()));
        } catch (SchedulerUnreachableException e) {
            metrics.schedulerApiError("check_idle");
            Log.warnf("%s: cannot ask the scheduler whether it is idle: %s", ClusterKeys.of(cluster), e.getMessage());
            recheck.add(poll);
            return Optional.empty();
        }
    }

    /**
     * Carries out spec.idle.action.
     *
     * @return whether the cluster was deleted or suspended, which ends this reconciliation
     */
    public boolean act(ArrayCluster cluster, List<Pod> pods, Map<String, Integer> targets) {
        IdleAction action = Optional.ofNullable(cluster.getSpec().getIdle()).map(IdleSpec::getAction)
                .orElse(IdleAction.ScaleToZero);
        String message = "idle for longer than spec.idle.timeout (" + cluster.getSpec().getIdle().getTimeout() + "): ";
        switch (action) {
            case Delete -> {
                events.normal(cluster, "IdleTimeout", message + "deleting the cluster");
                client.resource(cluster).delete();
                return true;
            }
            case Suspend -> {
                events.normal(cluster, "IdleTimeout", message + "suspending the cluster");
                client.resources(ArrayCluster.class).inNamespace(cluster.getMetadata().getNamespace())
                        .withName(cluster.getMetadata().getName())
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");
                return true;
            }
            case ScaleToZero -> {
                boolean hasWorkers = pods.stream().anyMatch(p -> !PodStates.workerGroup(p).isEmpty()
                        && PodStates.state(p).isLive());
                if (hasWorkers) {
                    events.normal(cluster, "IdleTimeout", message + "retiring all workers until work arrives");
                }
                targets.replaceAll((group, target) -> 0);
                return false;
            }
        }
        return false;
    }

    private static Optional<Duration> timeout(ArrayCluster cluster) {
        return Optional.ofNullable(cluster.getSpec().getIdle()).map(IdleSpec::getTimeout).map(GoDuration::parse);
    }

    /** A quarter of the timeout, so the action is at most a quarter late, within [1s, 30s]. */
    static Duration pollInterval(Duration timeout) {
        Duration quarter = timeout.dividedBy(4);
        return quarter.compareTo(MIN_POLL) < 0 ? MIN_POLL : quarter.compareTo(MAX_POLL) > 0 ? MAX_POLL : quarter;
    }
}

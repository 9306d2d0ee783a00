package io.tessera.operator.arraycluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.logging.Log;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.spec.FaultToleranceSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.LifecycleSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerRecovery;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.desired.SchedulerPodFactory;
import io.tessera.operator.arraycluster.desired.SchedulerServiceFactory;
import io.tessera.operator.arraycluster.lifecycle.SchedulerAction;
import io.tessera.operator.arraycluster.lifecycle.SchedulerLifecycle;
import io.tessera.operator.arraycluster.lifecycle.SchedulerObservation;
import io.tessera.operator.arraycluster.scaling.PodExpectations;
import io.tessera.operator.arraycluster.status.PodStates;
import io.tessera.operator.common.EventRecorder;
import io.tessera.operator.common.GoDuration;
import io.tessera.operator.config.OperatorConfig;
import io.tessera.operator.environment.EnvironmentMount;
import io.tessera.operator.metrics.OperatorMetrics;

/**
 * Keeps a cluster's scheduler pod and Service: creates them, recovers a failed or vanished
 * scheduler within the restart budget, and carries out what {@link SchedulerLifecycle} decides.
 */
@ApplicationScoped
public class SchedulerKeeper {

    private static final Duration DEFAULT_PROVISIONING_TIMEOUT = Duration.ofMinutes(10);
    private static final int DEFAULT_RESTART_LIMIT = 3;

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;
    @Inject
    PodExpectations expectations;
    @Inject
    EventRecorder events;
    @Inject
    OperatorMetrics metrics;
    @Inject
    PullSecretKeeper pullSecrets;

    /**
     * @param restarts scheduler recreations so far in this run
     * @param specChanged whether the spec changed since the last pass (the Service is re-applied)
     * @param recheck where to add when this cluster must be looked at again
     * @param environment the cluster's built environment, which a new scheduler pod mounts
     * @throws InvalidPodException when the API server rejects the scheduler pod
     */
    public SchedulerAction ensure(ArrayCluster cluster, List<Pod> pods, int restarts, boolean specChanged, Instant now,
            List<Duration> recheck, Optional<EnvironmentMount> environment) {
        Optional<Pod> pod = pods.stream()
                .filter(p -> ClusterNames.schedulerPod(cluster.getMetadata().getName()).equals(p.getMetadata().getName()))
                .findFirst();
        boolean everStarted = Optional.ofNullable(cluster.getStatus()).map(ArrayClusterStatus::getStartTime).isPresent();
        SchedulerObservation observation = observe(pod);
        SchedulerAction action = SchedulerLifecycle.decide(policy(cluster),
                new SchedulerLifecycle.History(everStarted, restarts), observation, now);
        // Nothing else will wake the reconciler when a pending scheduler runs out of time.
        SchedulerLifecycle.untilProvisioningTimeout(policy(cluster), observation, now)
                .ifPresent(left -> recheck.add(left.plusSeconds(1)));
        switch (action.kind()) {
            case Create -> {
                create(cluster, environment);
                events.normal(cluster, "SchedulerCreated", "created scheduler pod " + ClusterNames.schedulerPod(
                        cluster.getMetadata().getName()));
            }
            case Recreate -> {
                String why = pod.map(p -> "the scheduler pod " + PodStates.state(p)).orElse("the scheduler pod vanished");
                if (pod.isPresent()) {
                    // Same name: the new pod is created once this one is gone.
                    String key = ClusterKeys.expectations(cluster);
                    expectations.expectDelete(key, pod.get().getMetadata().getName());
                    try {
                        client.resource(pod.get()).delete();
                    } catch (RuntimeException e) {
                        expectations.withdrawDelete(key, pod.get().getMetadata().getName());
                        throw e;
                    }
                } else {
                    create(cluster, environment);
                }
                metrics.schedulerRestarted();
                events.warning(cluster, "SchedulerRestarted", why + "; recreating it (restart " + (restarts + 1)
                        + " of " + policy(cluster).restartLimit() + ")");
                Log.warnf("%s: %s; recreating it", ClusterKeys.of(cluster), why);
            }
            case Keep -> {
                if (specChanged) {
                    applyService(cluster);
                }
            }
            case Fail -> {
            }
        }
        return action;
    }

    private void create(ArrayCluster cluster, Optional<EnvironmentMount> environment) {
        Pod desired = SchedulerPodFactory.desired(cluster, config.workerImage(), config.podSecurity(),
                pullSecrets.names(), environment);
        String key = ClusterKeys.expectations(cluster);
        expectations.expectCreate(key, desired.getMetadata().getName());
        try {
            InvalidPodException.create(client, desired);
        } catch (RuntimeException e) {
            // Refused (an exhausted ResourceQuota, say): no watch event will ever confirm it.
            expectations.withdrawCreate(key, desired.getMetadata().getName());
            throw e;
        }
        applyService(cluster);
        Log.infof("%s: created scheduler pod %s", ClusterKeys.of(cluster), desired.getMetadata().getName());
    }

    private void applyService(ArrayCluster cluster) {
        client.resource(SchedulerServiceFactory.desired(cluster)).fieldManager(config.fieldManager()).forceConflicts()
                .serverSideApply();
    }

    private static SchedulerObservation observe(Optional<Pod> pod) {
        return pod.map(p -> new SchedulerObservation(Optional.of(PodStates.state(p)), PodStates.ready(p),
                Optional.ofNullable(p.getMetadata().getCreationTimestamp()).map(Instant::parse)))
                .orElseGet(SchedulerObservation::absent);
    }

    static SchedulerLifecycle.Policy policy(ArrayCluster cluster) {
        Optional<FaultToleranceSpec> faults = Optional.ofNullable(cluster.getSpec().getFaultTolerance());
        return new SchedulerLifecycle.Policy(
                faults.map(FaultToleranceSpec::getSchedulerRecovery).orElse(SchedulerRecovery.Recreate),
                faults.map(FaultToleranceSpec::getSchedulerRestartLimit).orElse(DEFAULT_RESTART_LIMIT),
                GoDuration.parseOr(Optional.ofNullable(cluster.getSpec().getLifecycle())
                        .map(LifecycleSpec::getProvisioningTimeout).orElse(null), DEFAULT_PROVISIONING_TIMEOUT));
    }
}

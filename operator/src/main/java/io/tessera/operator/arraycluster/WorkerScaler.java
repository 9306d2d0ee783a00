package io.tessera.operator.arraycluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.logging.Log;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.spec.ScaleDownSpec;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.desired.WorkerGroup;
import io.tessera.operator.arraycluster.desired.WorkerPodFactory;
import io.tessera.operator.arraycluster.scaling.GroupOutcome;
import io.tessera.operator.arraycluster.scaling.PodExpectations;
import io.tessera.operator.arraycluster.scaling.RetirementStep;
import io.tessera.operator.arraycluster.scaling.Retirements;
import io.tessera.operator.arraycluster.scaling.WorkerPlan;
import io.tessera.operator.arraycluster.scaling.WorkerPlanner;
import io.tessera.operator.arraycluster.scaling.WorkerState;
import io.tessera.operator.arraycluster.scheduler.SchedulerApi;
import io.tessera.operator.arraycluster.scheduler.SchedulerClients;
import io.tessera.operator.arraycluster.status.PodStates;
import io.tessera.operator.common.EventRecorder;
import io.tessera.operator.common.GoDuration;
import io.tessera.operator.config.OperatorConfig;
import io.tessera.operator.environment.EnvironmentMount;
import io.tessera.operator.metrics.OperatorMetrics;

/**
 * Moves one worker group towards its target: creates pods in batches, removes finished and
 * surplus pending pods at once, and retires running workers only through the scheduler, deleting
 * exactly the pods of the workers it retired (or, after drainTimeout, the newest ones, with a
 * Warning event).
 */
@ApplicationScoped
public class WorkerScaler {

    private static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(10);

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;
    @Inject
    SchedulerClients schedulers;
    @Inject
    Retirements retirements;
    @Inject
    PodExpectations expectations;
    @Inject
    EventRecorder events;
    @Inject
    OperatorMetrics metrics;
    @Inject
    PullSecretKeeper pullSecrets;

    /**
     * @param groupPods the group's pods from the cache, which the expectations say is current
     * @param environment the cluster's built environment, which new workers mount
     * @throws InvalidPodException when the API server rejects the group's pod (a bad template)
     */
    public GroupOutcome scale(ArrayCluster cluster, WorkerGroup group, int target, List<Pod> groupPods, Instant now,
            Optional<EnvironmentMount> environment) {
        String groupKey = ClusterKeys.of(cluster) + "/" + group.name();
        Optional<String> problem = Optional.empty();
        Optional<Retirements.InFlight> inFlight = retirements.current(groupKey);
        WorkerPlan plan = WorkerPlanner.plan(target, groupPods.stream().map(PodStates::observe).toList(),
                config.workerBatchSize());
        RetirementStep step = RetirementStep.decide(inFlight.map(Retirements.InFlight::startedAt),
                inFlight.map(Retirements.InFlight::done).orElse(false), plan.retire(), drainTimeout(cluster), now);
        switch (step) {
            case Start -> startRetirement(cluster, group, groupKey, plan.retire(), groupPods, now);
            case Collect -> problem = collect(cluster, groupKey, groupPods);
            case GiveUp -> giveUp(cluster, groupKey, groupPods);
            case Wait, None -> {
            }
        }
        create(cluster, group, plan.create(), environment);
        delete(cluster, plan.deleteNow(), groupPods);
        boolean retiring = retirements.current(groupKey).isPresent();
        return new GroupOutcome(problem, retiring);
    }

    private void create(ArrayCluster cluster, WorkerGroup group, int count, Optional<EnvironmentMount> environment) {
        if (count == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            String podName = ClusterNames.workerPod(cluster.getMetadata().getName(), group.name(),
                    UUID.randomUUID().toString().substring(0, 5));
            Pod pod = WorkerPodFactory.desired(cluster, group, podName, config.workerImage(),
                    config.podSecurity(), pullSecrets.names(), environment);
            String key = ClusterKeys.expectations(cluster);
            expectations.expectCreate(key, podName);
            try {
                InvalidPodException.create(client, pod);
            } catch (RuntimeException e) {
                // Refused (an exhausted ResourceQuota, say): no watch event will ever confirm it.
                expectations.withdrawCreate(key, podName);
                throw e;
            }
        }
        metrics.workersCreated(count);
        events.normal(cluster, "WorkersCreated", "created " + count + " worker pod(s) in group " + group.name());
        Log.infof("%s: group %s: created %d workers", ClusterKeys.of(cluster), group.name(), count);
    }

    /** Finished pods (replaced on this pass) and surplus pending ones. */
    private void delete(ArrayCluster cluster, List<String> names, List<Pod> groupPods) {
        if (names.isEmpty()) {
            return;
        }
        Set<String> finished = groupPods.stream().filter(p -> !PodStates.state(p).isLive())
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        deletePods(cluster, names);
        long finishedCount = names.stream().filter(finished::contains).count();
        metrics.workersDeleted("finished", (int) finishedCount);
        metrics.workersDeleted("pending", names.size() - (int) finishedCount);
        if (finishedCount > 0) {
            events.normal(cluster, "WorkersReplaced", finishedCount + " finished worker pod(s) removed and replaced");
        }
    }

    /**
     * With one worker group the scheduler picks the workers itself (least data first). Its choice
     * spans all workers, so with several groups the operator names the group's newest running
     * workers and the scheduler still moves their data before closing them.
     */
    private void startRetirement(ArrayCluster cluster, WorkerGroup group, String groupKey, int count,
            List<Pod> groupPods, Instant now) {
        SchedulerApi api = schedulers.forCluster(cluster);
        boolean onlyGroup = WorkerGroup.of(cluster.getSpec()).size() == 1;
        List<String> candidates = newestRunning(groupPods, count);
        Log.infof("%s: group %s: asking the scheduler to retire %d workers", ClusterKeys.of(cluster), group.name(), count);
        retirements.start(groupKey, count, now, onlyGroup ? () -> api.retireWorkers(count)
                : () -> api.retireWorkersNamed(candidates));
    }

    private Optional<String> collect(ArrayCluster cluster, String groupKey, List<Pod> groupPods) {
        Retirements.InFlight done = retirements.take(groupKey).orElseThrow();
        try {
            List<String> retired = done.answer().get();
            Set<String> ours = groupPods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
            List<String> toDelete = retired.stream().filter(ours::contains).sorted().toList();
            deletePods(cluster, toDelete);
            metrics.workersDeleted("retired", toDelete.size());
            if (!toDelete.isEmpty()) {
                events.normal(cluster, "WorkersRetired", "the scheduler retired " + String.join(", ", toDelete));
            }
            Log.infof("%s: scheduler retired %s", ClusterKeys.of(cluster), retired);
            return Optional.empty();
        } catch (ExecutionException e) {
            metrics.schedulerApiError("retire_workers");
            String message = Optional.ofNullable(e.getCause()).map(Throwable::getMessage).orElse(e.toString());
            Log.warnf("%s: cannot retire %d workers: %s", ClusterKeys.of(cluster), done.count(), message);
            return Optional.of(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while collecting a retirement");
        }
    }

    /** drainTimeout passed without an answer: the newest running workers go, and users are told. */
    private void giveUp(ArrayCluster cluster, String groupKey, List<Pod> groupPods) {
        Retirements.InFlight abandoned = retirements.take(groupKey).orElseThrow();
        List<String> victims = newestRunning(groupPods, abandoned.count());
        deletePods(cluster, victims);
        metrics.workersDeleted("drain-timeout", victims.size());
        events.warning(cluster, "DrainTimeout", "the scheduler did not confirm retiring " + abandoned.count()
                + " worker(s) within scaleDown.drainTimeout; deleted " + String.join(", ", victims)
                + " without moving their data");
    }

    void deletePods(ArrayCluster cluster, List<String> names) {
        for (String name : names) {
            String key = ClusterKeys.expectations(cluster);
            expectations.expectDelete(key, name);
            try {
                client.pods().inNamespace(cluster.getMetadata().getNamespace()).withName(name).delete();
            } catch (RuntimeException e) {
                expectations.withdrawDelete(key, name);
                throw e;
            }
        }
    }

    private static List<String> newestRunning(List<Pod> groupPods, int count) {
        return groupPods.stream().filter(p -> PodStates.state(p) == WorkerState.Running)
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()).reversed()
                        .thenComparing(p -> p.getMetadata().getName()))
                .limit(count).map(p -> p.getMetadata().getName()).toList();
    }

    private static Duration drainTimeout(ArrayCluster cluster) {
        return GoDuration.parseOr(Optional.ofNullable(cluster.getSpec().getScaleDown()).map(ScaleDownSpec::getDrainTimeout)
                .orElse(null), DEFAULT_DRAIN_TIMEOUT);
    }
}

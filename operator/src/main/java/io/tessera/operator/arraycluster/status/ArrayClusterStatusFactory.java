package io.tessera.operator.arraycluster.status;

import static io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions.AUTOSCALER_HEALTHY;
import static io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions.DEGRADED;
import static io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions.IDLE;
import static io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions.READY;
import static io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions.SCALING;
import static io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions.SCHEDULER_READY;
import static io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions.SUSPENDED;
import static io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions.WORKERS_READY;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Pod;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.desired.WorkerGroup;
import io.tessera.operator.arraycluster.lifecycle.Failure;
import io.tessera.operator.common.ClusterLabels;
import io.tessera.operator.common.Conditions;

/**
 * Computes an ArrayCluster's status from what the cluster's pods show and what the operator is
 * steering towards. Deterministic for a given clock: unchanged inputs give an identical status, so
 * the reconciler can skip the patch.
 */
public final class ArrayClusterStatusFactory {

    private final Clock clock;

    public ArrayClusterStatusFactory(Clock clock) {
        this.clock = clock;
    }

    public ArrayClusterStatus status(ArrayCluster cluster, StatusInputs inputs) {
        List<Pod> pods = inputs.pods();
        Optional<String> schedulerApiProblem = inputs.schedulerApiProblem();
        Optional<Failure> failure = inputs.failure();
        ArrayClusterStatus previous = Optional.ofNullable(cluster.getStatus()).orElseGet(ArrayClusterStatus::new);
        long generation = Optional.ofNullable(cluster.getMetadata().getGeneration()).orElse(0L);
        String name = cluster.getMetadata().getName();
        boolean suspended = Boolean.TRUE.equals(cluster.getSpec().getSuspend());
        Optional<Pod> scheduler = pods.stream()
                .filter(p -> ClusterNames.schedulerPod(name).equals(p.getMetadata().getName())).findFirst();
        List<WorkerCounts> groups = counts(cluster, pods, inputs.desired());
        boolean schedulerReady = scheduler.map(PodStates::ready).orElse(false);
        boolean workersReady = groups.stream().allMatch(g -> g.ready() >= g.desired());
        boolean ready = !suspended && failure.isEmpty() && schedulerReady
                && groups.stream().allMatch(WorkerCounts::minimumReady);
        boolean scaling = groups.stream().anyMatch(g -> !g.settled());
        // What the scheduler or kubelet says stops a pod (wrong image, impossible request, crash).
        Optional<PodTrouble> schedulerTrouble = schedulerReady ? Optional.empty() : scheduler.flatMap(PodTrouble::of);
        Optional<PodTrouble> workerTrouble = workersReady ? Optional.empty() : PodTrouble.first(pods.stream()
                .filter(p -> ClusterLabels.WORKER.equals(label(p, Constants.LABEL_COMPONENT))).toList());
        Optional<PodTrouble> trouble = schedulerTrouble.or(() -> workerTrouble);

        List<Condition> conditions = previous.getConditions();
        conditions = Conditions.set(conditions, SUSPENDED, suspended, suspended ? "Suspended" : "NotSuspended",
                suspended ? "spec.suspend is true: scheduler and workers are removed" : "", generation, clock);
        conditions = Conditions.set(conditions, SCHEDULER_READY, schedulerReady,
                schedulerTrouble.map(PodTrouble::reason).orElseGet(() -> schedulerReason(scheduler)),
                schedulerTrouble.map(PodTrouble::message).orElseGet(() -> schedulerMessage(name, scheduler)),
                generation, clock);
        conditions = Conditions.set(conditions, WORKERS_READY, workersReady,
                workersReady ? "WorkersReady" : workerTrouble.map(PodTrouble::reason).orElse("WaitingForWorkers"),
                readyMessage(groups) + workerTrouble.map(t -> "; " + t.message()).orElse(""), generation, clock);
        conditions = Conditions.set(conditions, SCALING, scaling, scaling ? "Scaling" : "Settled",
                scaling ? "workers are being added or retired" : "", generation, clock);
        conditions = Conditions.set(conditions, AUTOSCALER_HEALTHY, schedulerApiProblem.isEmpty(),
                schedulerApiProblem.isEmpty() ? "SchedulerApiReachable" : "SchedulerUnreachable",
                schedulerApiProblem.map(p -> p + "; waiting, no worker is removed without the scheduler").orElse(""),
                generation, clock);
        conditions = Conditions.set(conditions, READY, ready, readyReason(ready, suspended, failure, trouble),
                ready ? "scheduler and minimum workers ready" : failure.map(Failure::message)
                        .or(() -> trouble.map(PodTrouble::message)).orElseGet(() -> readyMessage(groups)),
                generation, clock);
        conditions = Conditions.set(conditions, DEGRADED, failure.isPresent(),
                failure.map(Failure::reason).orElse("AsExpected"), failure.map(Failure::message).orElse(""),
                generation, clock);
        Optional<StatusInputs.IdleReport> idle = inputs.idle();
        if (idle.isPresent()) {
            boolean isIdle = idle.get().since().isPresent();
            conditions = Conditions.set(conditions, IDLE, isIdle, !isIdle ? "Busy"
                    : idle.get().timedOut() ? "IdleTimeout" : "SchedulerIdle",
                    idle.get().since().map(since -> "no tasks since " + since).orElse(""), generation, clock);
        }

        ArrayClusterStatus status = new ArrayClusterStatus();
        status.setObservedGeneration(generation);
        status.setConditions(conditions);
        boolean idleNow = inputs.idle().flatMap(StatusInputs.IdleReport::since).isPresent();
        status.setPhase(failure.isPresent() ? ArrayClusterPhase.Failed
                : phase(suspended, scheduler, schedulerReady, scaling, idleNow));
        WorkerCounts primary = groups.get(0);
        status.setReplicas(primary.current());
        status.setSelector(selector(name));
        status.setReadyWorkers(groups.stream().mapToInt(WorkerCounts::ready).sum());
        status.setDesiredWorkers(groups.stream().mapToInt(WorkerCounts::desired).sum());
        status.setWorkerGroups(groups.stream().map(WorkerCounts::toStatus).toList());
        status.setSchedulerAddress(ClusterNames.schedulerAddress(name, cluster.getMetadata().getNamespace()));
        status.setDashboardUrl(suspended || failure.isPresent() ? null : inputs.dashboardUrl().orElse(null));
        status.setSchedulerRestarts(inputs.schedulerRestarts() == 0 ? null : inputs.schedulerRestarts());
        status.setRequested(ResourceSums.of(pods.stream().filter(PodStates::holdsResources).toList()));
        status.setAutoscaler(previous.getAutoscaler());
        status.setIdleSince(inputs.idle().flatMap(StatusInputs.IdleReport::since)
                .map(since -> since.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null));
        // A new run (resume, recovery) starts counting again from its own scheduler pod.
        boolean newRun = suspended || failure.isPresent() || inputs.schedulerReplaced();
        status.setStartTime(newRun ? null : Optional.ofNullable(previous.getStartTime())
                .or(() -> scheduler.map(p -> p.getMetadata().getCreationTimestamp())).orElse(null));
        status.setReadyTime(Optional.ofNullable(previous.getReadyTime())
                .or(() -> ready ? Optional.of(Conditions.now(clock)) : Optional.empty()).orElse(null));
        return status;
    }

    /** One entry per worker group, primary first; Ready waits for each group's minReplicas. */
    private static List<WorkerCounts> counts(ArrayCluster cluster, List<Pod> pods, Map<String, Integer> desired) {
        Map<String, List<Pod>> byGroup = pods.stream()
                .filter(p -> ClusterLabels.WORKER.equals(label(p, Constants.LABEL_COMPONENT)))
                .collect(Collectors.groupingBy(PodStates::workerGroup));
        List<WorkerCounts> counts = new ArrayList<>();
        for (WorkerGroup group : WorkerGroup.of(cluster.getSpec())) {
            counts.add(WorkerCounts.of(group.name(), Optional.ofNullable(group.spec().getMinReplicas()).orElse(0),
                    desired.getOrDefault(group.name(), 0), byGroup.getOrDefault(group.name(), List.of())));
        }
        return counts;
    }

    private static String readyReason(boolean ready, boolean suspended, Optional<Failure> failure,
            Optional<PodTrouble> trouble) {
        if (ready) {
            return "Ready";
        }
        return failure.map(Failure::reason).orElse(suspended ? "Suspended"
                : trouble.map(PodTrouble::reason).orElse("NotReady"));
    }

    private static ArrayClusterPhase phase(boolean suspended, Optional<Pod> scheduler, boolean schedulerReady,
            boolean scaling, boolean idle) {
        if (suspended) {
            return ArrayClusterPhase.Suspended;
        }
        if (scheduler.isEmpty()) {
            return ArrayClusterPhase.Pending;
        }
        if (!schedulerReady) {
            return ArrayClusterPhase.Provisioning;
        }
        if (scaling) {
            return ArrayClusterPhase.Scaling;
        }
        return idle ? ArrayClusterPhase.Idle : ArrayClusterPhase.Running;
    }

    private static String schedulerReason(Optional<Pod> scheduler) {
        return scheduler.map(p -> PodStates.ready(p) ? "SchedulerReady" : "Scheduler" + PodStates.state(p))
                .orElse("SchedulerPodMissing");
    }

    private static String schedulerMessage(String cluster, Optional<Pod> scheduler) {
        return scheduler.map(p -> "pod " + p.getMetadata().getName() + " is " + PodStates.state(p)
                + (PodStates.ready(p) ? " and ready" : "")).orElse("pod " + ClusterNames.schedulerPod(cluster)
                + " does not exist yet");
    }

    private static String readyMessage(List<WorkerCounts> groups) {
        return groups.stream().map(g -> g.group() + ": " + g.ready() + "/" + g.desired() + " ready")
                .collect(Collectors.joining(", "));
    }

    private static String selector(String cluster) {
        return ClusterLabels.selector(cluster, ClusterLabels.WORKER, Optional.of(Constants.PRIMARY_WORKER_GROUP))
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static String label(Pod pod, String key) {
        return Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(key)).orElse("");
    }
}

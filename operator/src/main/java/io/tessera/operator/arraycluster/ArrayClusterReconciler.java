package io.tessera.operator.arraycluster;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkus.logging.Log;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingMode;
import io.tessera.operator.arraycluster.autoscaling.AdaptiveTarget;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.desired.SchedulerPodFactory;
import io.tessera.operator.arraycluster.desired.SchedulerServiceFactory;
import io.tessera.operator.arraycluster.desired.WorkerGroup;
import io.tessera.operator.arraycluster.desired.WorkerPodFactory;
import io.tessera.operator.arraycluster.scaling.WorkerPlan;
import io.tessera.operator.arraycluster.scaling.WorkerPlanner;
import io.tessera.operator.arraycluster.scaling.WorkerState;
import io.tessera.operator.arraycluster.scheduler.SchedulerClients;
import io.tessera.operator.arraycluster.scheduler.SchedulerUnreachableException;
import io.tessera.operator.arraycluster.status.ArrayClusterStatusFactory;
import io.tessera.operator.arraycluster.status.PodStates;
import io.tessera.operator.common.ClusterLabels;
import io.tessera.operator.common.GoDuration;
import io.tessera.operator.config.OperatorConfig;

/**
 * Reconciles an ArrayCluster into its scheduler pod and Service and its worker pods, and reports
 * status. Targets come from the spec (Manual/External) or from the scheduler's adaptive target
 * (Adaptive, decided by {@link AdaptiveTarget} into status); scale-down always goes through the
 * scheduler. Idle handling, provisioning timeout and scheduler recovery come next.
 */
@ControllerConfiguration
public class ArrayClusterReconciler implements Reconciler<ArrayCluster> {

    private static final Duration SCHEDULER_RETRY = Duration.ofSeconds(10);
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    /** Pods Tessera made for Dask clusters; the only pods the operator caches. */
    static final String POD_SELECTOR = Constants.LABEL_MANAGED_BY + "=" + Constants.MANAGED_BY + ","
            + Constants.LABEL_NAME + "=" + ClusterLabels.APP;

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;
    @Inject
    Clock clock;
    @Inject
    SchedulerClients schedulers;

    @Override
    public List<EventSource<?, ArrayCluster>> prepareEventSources(EventSourceContext<ArrayCluster> context) {
        var pods = InformerEventSourceConfiguration.from(Pod.class, ArrayCluster.class)
                .withLabelSelector(POD_SELECTOR).build();
        return List.of(new InformerEventSource<>(pods, context));
    }

    @Override
    public UpdateControl<ArrayCluster> reconcile(ArrayCluster cluster, Context<ArrayCluster> context) {
        List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
        Map<String, Integer> targets = new LinkedHashMap<>(ManualTarget.of(cluster.getSpec()));
        Optional<AdaptiveTarget.Result> adaptive = adaptive(cluster) ? Optional.of(AdaptiveTarget.poll(cluster,
                pendingPrimaryWorkers(pods), schedulers.forCluster(cluster), clock)) : Optional.empty();
        adaptive.ifPresent(result -> targets.put(Constants.PRIMARY_WORKER_GROUP, result.target()));
        Optional<String> schedulerProblem = adaptive.flatMap(AdaptiveTarget.Result::problem);
        if (Boolean.TRUE.equals(cluster.getSpec().getSuspend())) {
            pods.forEach(pod -> client.resource(pod).delete());
        } else {
            ensureScheduler(cluster, pods);
            for (WorkerGroup group : WorkerGroup.of(cluster.getSpec())) {
                schedulerProblem = schedulerProblem.or(() -> scaleGroup(cluster, group, targets.get(group.name()), pods));
            }
        }
        ArrayClusterStatus status = new ArrayClusterStatusFactory(clock).status(cluster, pods, targets, schedulerProblem);
        adaptive.ifPresent(result -> status.setAutoscaler(result.status()));
        UpdateControl<ArrayCluster> control;
        if (Objects.equals(asJson(status), asJson(cluster.getStatus()))) {
            control = UpdateControl.noUpdate();
        } else {
            cluster.setStatus(status);
            control = UpdateControl.patchStatus(cluster);
        }
        // The scheduler's API sends no events: poll it on the interval, and retry while it is unreachable.
        if (adaptive.isPresent()) {
            return control.rescheduleAfter(GoDuration.parseOr(cluster.getSpec().getAutoscaling().getInterval(),
                    DEFAULT_POLL_INTERVAL));
        }
        return schedulerProblem.isPresent() ? control.rescheduleAfter(SCHEDULER_RETRY) : control;
    }

    /** Creates the scheduler pod when missing and applies its Service (pods cannot be updated in place). */
    private void ensureScheduler(ArrayCluster cluster, List<Pod> pods) {
        String name = ClusterNames.schedulerPod(cluster.getMetadata().getName());
        if (pods.stream().noneMatch(p -> name.equals(p.getMetadata().getName()))) {
            Log.infof("%s/%s: creating scheduler pod %s", cluster.getMetadata().getNamespace(),
                    cluster.getMetadata().getName(), name);
            client.resource(SchedulerPodFactory.desired(cluster, config.workerImage())).fieldManager(config.fieldManager())
                    .forceConflicts().serverSideApply();
        }
        client.resource(SchedulerServiceFactory.desired(cluster)).fieldManager(config.fieldManager()).forceConflicts()
                .serverSideApply();
    }

    /** @return why the scheduler could not retire workers, if it could not */
    private Optional<String> scaleGroup(ArrayCluster cluster, WorkerGroup group, int target, List<Pod> pods) {
        List<Pod> workers = pods.stream().filter(p -> group.name().equals(PodStates.workerGroup(p))).toList();
        WorkerPlan plan = WorkerPlanner.plan(target, workers.stream().map(PodStates::observe).toList(),
                config.workerBatchSize());
        for (int i = 0; i < plan.create(); i++) {
            String podName = ClusterNames.workerPod(cluster.getMetadata().getName(), group.name(),
                    UUID.randomUUID().toString().substring(0, 5));
            client.resource(WorkerPodFactory.desired(cluster, group, podName, config.workerImage())).create();
        }
        for (String podName : plan.deleteNow()) {
            client.pods().inNamespace(cluster.getMetadata().getNamespace()).withName(podName).delete();
        }
        if (plan.create() > 0 || !plan.deleteNow().isEmpty()) {
            Log.infof("%s/%s: group %s -> %d workers: created %d, deleted %s", cluster.getMetadata().getNamespace(),
                    cluster.getMetadata().getName(), group.name(), target, plan.create(), plan.deleteNow());
        }
        return plan.retire() > 0 ? retire(cluster, plan.retire(), workers) : Optional.empty();
    }

    /**
     * Graceful scale-down: the scheduler picks the workers and moves their data away; only the pods
     * of the workers it confirms are deleted. Unreachable scheduler: nothing is deleted.
     */
    private Optional<String> retire(ArrayCluster cluster, int count, List<Pod> workers) {
        Set<String> ours = workers.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        try {
            List<String> retired = schedulers.forCluster(cluster).retireWorkers(count);
            retired.stream().filter(ours::contains).forEach(name -> client.pods()
                    .inNamespace(cluster.getMetadata().getNamespace()).withName(name).delete());
            Log.infof("%s/%s: scheduler retired %s", cluster.getMetadata().getNamespace(),
                    cluster.getMetadata().getName(), retired);
            return Optional.empty();
        } catch (SchedulerUnreachableException e) {
            Log.warnf("%s/%s: cannot retire %d workers: %s", cluster.getMetadata().getNamespace(),
                    cluster.getMetadata().getName(), count, e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    private static boolean adaptive(ArrayCluster cluster) {
        return !Boolean.TRUE.equals(cluster.getSpec().getSuspend()) && cluster.getSpec().getAutoscaling() != null
                && cluster.getSpec().getAutoscaling().getMode() == AutoscalingMode.Adaptive;
    }

    private static int pendingPrimaryWorkers(List<Pod> pods) {
        return (int) pods.stream().filter(p -> Constants.PRIMARY_WORKER_GROUP.equals(PodStates.workerGroup(p)))
                .filter(p -> PodStates.state(p) == WorkerState.Pending).count();
    }

    private static String asJson(Object value) {
        return Serialization.asJson(value);
    }
}

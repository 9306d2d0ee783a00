package io.tessera.operator.arraycluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
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
import io.tessera.api.v1alpha1.arraycluster.spec.DashboardSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerSpec;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.api.v1alpha1.arraycluster.status.AutoscalerStatus;
import io.tessera.operator.arraycluster.autoscaling.AdaptiveTarget;
import io.tessera.operator.arraycluster.desired.WorkerGroup;
import io.tessera.operator.arraycluster.lifecycle.Failure;
import io.tessera.operator.arraycluster.lifecycle.SchedulerAction;
import io.tessera.operator.arraycluster.scaling.GroupOutcome;
import io.tessera.operator.arraycluster.scaling.PodExpectations;
import io.tessera.operator.arraycluster.scaling.WorkerState;
import io.tessera.operator.arraycluster.scheduler.SchedulerClients;
import io.tessera.operator.arraycluster.status.ArrayClusterStatusFactory;
import io.tessera.operator.arraycluster.status.PodStates;
import io.tessera.operator.arraycluster.status.StatusInputs;
import io.tessera.operator.common.ClusterLabels;
import io.tessera.operator.common.Conditions;
import io.tessera.operator.common.EventRecorder;
import io.tessera.operator.common.GoDuration;
import io.tessera.operator.config.OperatorConfig;
import io.tessera.operator.environment.EnvironmentContent;
import io.tessera.operator.environment.EnvironmentMount;
import io.tessera.operator.environment.EnvironmentReport;
import io.tessera.operator.metrics.OperatorMetrics;

/**
 * Reconciles an ArrayCluster into its scheduler pod and Service, its worker pods, its
 * NetworkPolicy and its TLS Secret, and reports status. Each pass: keep the NetworkPolicy; make
 * sure the TLS Secret exists and the environment is built before any pod; trust the pod cache only
 * once it shows this operator's own creates and deletes (expectations); decide the scheduler's fate (create, recover, fail); work out each
 * group's target (spec, the scheduler's adaptive target, or zero while idle past the timeout);
 * move the groups towards it; write status only when it changed.
 */
@ControllerConfiguration
public class ArrayClusterReconciler implements Reconciler<ArrayCluster> {

    private static final Duration SCHEDULER_RETRY = Duration.ofSeconds(10);
    private static final Duration RETIREMENT_POLL = Duration.ofSeconds(2);
    private static final Duration STALE_CACHE_RETRY = Duration.ofSeconds(5);

    /**
     * Pods Tessera made for Dask clusters; the only pods the operator caches. Clusters'
     * NetworkPolicies carry the same labels and are cached by the same selector.
     */
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
    @Inject
    PodExpectations expectations;
    @Inject
    WorkerScaler workers;
    @Inject
    SchedulerKeeper scheduler;
    @Inject
    IdleHandler idleHandler;
    @Inject
    EventRecorder events;
    @Inject
    OperatorMetrics metrics;
    @Inject
    NetworkPolicyKeeper networkPolicies;
    @Inject
    PullSecretKeeper pullSecrets;
    @Inject
    TlsSecretKeeper tlsSecrets;
    @Inject
    EnvironmentKeeper environments;

    @Override
    public List<EventSource<?, ArrayCluster>> prepareEventSources(EventSourceContext<ArrayCluster> context) {
        metrics.watchPhases(() -> context.getPrimaryCache().list());
        var pods = InformerEventSourceConfiguration.from(Pod.class, ArrayCluster.class)
                .withLabelSelector(POD_SELECTOR).build();
        // Watched so that an edited or deleted policy is put back at once, not at the next pod event.
        var policies = InformerEventSourceConfiguration.from(NetworkPolicy.class, ArrayCluster.class)
                .withLabelSelector(POD_SELECTOR).build();
        List<EventSource<?, ArrayCluster>> sources = new ArrayList<>(List.of(new InformerEventSource<>(pods, context),
                new InformerEventSource<>(policies, context)));
        // The sources of the image pull secrets: a changed one updates the copies in every cluster's namespace.
        sources.addAll(pullSecrets.eventSources(context, ArrayCluster.class));
        // A finished build wakes the clusters waiting for it at once.
        sources.add(environments.eventSource(context));
        return sources;
    }

    @Override
    public UpdateControl<ArrayCluster> reconcile(ArrayCluster cluster, Context<ArrayCluster> context) {
        Instant now = clock.instant();
        List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
        Set<String> livePodNames = pods.stream().filter(p -> PodStates.state(p) != WorkerState.Terminating)
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        boolean cacheCurrent = expectations.satisfied(ClusterKeys.expectations(cluster), livePodNames);
        ArrayClusterStatus previous = Optional.ofNullable(cluster.getStatus()).orElseGet(ArrayClusterStatus::new);
        boolean sameGeneration = Objects.equals(previous.getObservedGeneration(), cluster.getMetadata().getGeneration());
        // A failure holds until the spec changes; a new spec starts a new run with a fresh restart budget.
        Optional<Failure> failure = sameGeneration ? previousFailure(previous) : Optional.empty();
        int restarts = sameGeneration ? Optional.ofNullable(previous.getSchedulerRestarts()).orElse(0) : 0;

        Map<String, Integer> targets = new LinkedHashMap<>(ManualTarget.of(cluster.getSpec()));
        Optional<String> schedulerProblem = Optional.empty();
        Optional<StatusInputs.IdleReport> idle = Optional.empty();
        Optional<AdaptiveTarget.Result> adaptive = Optional.empty();
        boolean schedulerReplaced = false;
        List<Duration> recheck = new ArrayList<>();
        // Isolation holds whatever state the cluster is in, suspended and failed included.
        networkPolicies.reconcile(cluster, context.getSecondaryResources(NetworkPolicy.class), recheck);
        // Before any pod: the pods name the copies, which must exist for the kubelet to pull.
        Optional<PullSecretKeeper.Report> pullSecretReport = pullSecrets.reconcile(cluster, context, recheck);

        // Before any pod: the pods mount the cluster's TLS Secret, and nothing of the cluster talks without it.
        Optional<TlsSecretKeeper.Report> tlsReport = suspended(cluster) || failure.isPresent() ? Optional.empty()
                : Optional.of(tlsSecrets.ensure(cluster, recheck));

        // Before any pod: the pods run the environment, which must be built (never a silent fallback to the bare image).
        Optional<EnvironmentReport> environment = suspended(cluster) || failure.isPresent() ? Optional.empty()
                : environments.ensure(cluster, context, recheck);
        Optional<EnvironmentMount> mount = environment.flatMap(EnvironmentReport::mount);
        if (environment.map(EnvironmentReport::failed).orElse(false)) {
            failure = Optional.of(new Failure(environment.get().reason(), environment.get().message()));
        }

        if (suspended(cluster) || failure.isPresent()) {
            removeAllPods(cluster, pods, suspended(cluster) ? "suspended" : "failed");
        } else if (!tlsReport.get().ready()) {
            Log.debugf("%s: waiting for the TLS Secret: %s", ClusterKeys.of(cluster), tlsReport.get().reason());
        } else if (environment.isPresent() && !environment.get().ready()) {
            Log.debugf("%s: waiting for the environment: %s", ClusterKeys.of(cluster), environment.get().message());
        } else if (!cacheCurrent) {
            Log.debugf("%s: pod cache does not show recent changes yet; waiting", ClusterKeys.of(cluster));
            recheck.add(STALE_CACHE_RETRY);
        } else {
            try {
                SchedulerAction action = scheduler.ensure(cluster, pods, restarts, !sameGeneration, now, recheck,
                        mount);
                schedulerReplaced = action.kind() == SchedulerAction.Kind.Recreate;
                restarts += schedulerReplaced ? 1 : 0;
                failure = action.failure();
                if (failure.isPresent()) {
                    fail(cluster, pods, failure.get());
                } else {
                    adaptive = adaptiveTarget(cluster, pods);
                    adaptive.ifPresent(result -> {
                        targets.put(Constants.PRIMARY_WORKER_GROUP, result.target());
                        recheck.add(GoDuration.parseOr(cluster.getSpec().getAutoscaling().getInterval(),
                                AdaptiveTarget.DEFAULT_INTERVAL));
                    });
                    schedulerProblem = adaptive.flatMap(AdaptiveTarget.Result::problem);
                    idle = idleHandler.check(cluster, pods, now, recheck);
                    if (idle.map(StatusInputs.IdleReport::timedOut).orElse(false)
                            && idleHandler.act(cluster, pods, targets)) {
                        return UpdateControl.noUpdate();
                    }
                    Optional<String> retireProblem = scaleGroups(cluster, pods, targets, now, recheck, mount);
                    schedulerProblem = schedulerProblem.or(() -> retireProblem);
                }
            } catch (InvalidPodException e) {
                failure = Optional.of(new Failure(Failure.INVALID_POD_TEMPLATE, e.getMessage()));
                fail(cluster, pods, failure.get());
            }
        }
        if (schedulerProblem.isPresent()) {
            recheck.add(SCHEDULER_RETRY);
        }
        ArrayClusterStatus status = new ArrayClusterStatusFactory(clock).status(cluster, new StatusInputs(pods, targets,
                schedulerProblem, failure, restarts, schedulerReplaced, idle, dashboardUrl(cluster)));
        adaptive.ifPresent(result -> status.setAutoscaler(result.status()));
        pullSecretReport.ifPresent(report -> {
            status.setConditions(Conditions.set(status.getConditions(), ArrayClusterConditions.IMAGE_PULL_SECRETS_READY,
                    report.ready(), report.reason(), report.message(), status.getObservedGeneration(), clock));
            announcePullSecretProblems(cluster, previous, report);
        });
        tlsReport.ifPresent(report -> {
            announceTlsProblem(cluster, previous, report);
            status.setConditions(Conditions.set(status.getConditions(), ArrayClusterConditions.TLS_SECRET_READY,
                    report.ready(), report.reason(), report.message(), status.getObservedGeneration(), clock));
        });
        environment.ifPresent(report -> {
            announceEnvironment(cluster, previous, report);
            status.setConditions(Conditions.set(status.getConditions(), ArrayClusterConditions.ENVIRONMENT_READY,
                    report.ready(), report.reason(), report.message(), status.getObservedGeneration(), clock));
        });
        if (!EnvironmentContent.requested(cluster.getSpec().getEnvironment())) {
            status.setConditions(Conditions.remove(status.getConditions(), ArrayClusterConditions.ENVIRONMENT_READY));
        }
        announceTransitions(cluster, previous, status);
        UpdateControl<ArrayCluster> control;
        if (Objects.equals(Serialization.asJson(status), Serialization.asJson(cluster.getStatus()))) {
            control = UpdateControl.noUpdate();
        } else {
            cluster.setStatus(status);
            control = UpdateControl.patchStatus(cluster);
        }
        // Scheduler API answers and drain timeouts send no events: look again when they are due.
        return recheck.stream().min(Duration::compareTo).map(control::rescheduleAfter).orElse(control);
    }

    private Optional<String> scaleGroups(ArrayCluster cluster, List<Pod> pods, Map<String, Integer> targets,
            Instant now, List<Duration> recheck, Optional<EnvironmentMount> mount) {
        Optional<String> problem = Optional.empty();
        for (WorkerGroup group : WorkerGroup.of(cluster.getSpec())) {
            List<Pod> groupPods = pods.stream().filter(p -> group.name().equals(PodStates.workerGroup(p))).toList();
            GroupOutcome outcome = workers.scale(cluster, group, targets.get(group.name()), groupPods, now, mount);
            if (outcome.retiring()) {
                recheck.add(RETIREMENT_POLL);
            }
            problem = problem.or(outcome::schedulerProblem);
        }
        return problem;
    }

    private Optional<AdaptiveTarget.Result> adaptiveTarget(ArrayCluster cluster, List<Pod> pods) {
        if (cluster.getSpec().getAutoscaling() == null
                || cluster.getSpec().getAutoscaling().getMode() != AutoscalingMode.Adaptive) {
            return Optional.empty();
        }
        int pending = (int) pods.stream().filter(p -> Constants.PRIMARY_WORKER_GROUP.equals(PodStates.workerGroup(p)))
                .filter(p -> PodStates.state(p) == WorkerState.Pending).count();
        AdaptiveTarget.Result result = AdaptiveTarget.poll(cluster, pending, schedulers.forCluster(cluster), clock);
        result.problem().ifPresent(p -> metrics.schedulerApiError("adaptive_target"));
        return Optional.of(result);
    }

    private void fail(ArrayCluster cluster, List<Pod> pods, Failure failure) {
        Log.warnf("%s: failed (%s): %s", ClusterKeys.of(cluster), failure.reason(), failure.message());
        metrics.clusterFailed(failure.reason());
        events.warning(cluster, failure.reason(), failure.message());
        removeAllPods(cluster, pods, "failed");
    }

    /** Suspended or failed: nothing keeps running or holds resources; the object and its status stay. */
    private void removeAllPods(ArrayCluster cluster, List<Pod> pods, String reason) {
        List<String> live = pods.stream().filter(p -> PodStates.state(p) != WorkerState.Terminating)
                .map(p -> p.getMetadata().getName()).toList();
        if (!live.isEmpty()) {
            workers.deletePods(cluster, live);
            metrics.workersDeleted(reason, (int) pods.stream().filter(p -> !PodStates.workerGroup(p).isEmpty()).count());
        }
    }

    /** Events and metrics for status changes people care about. */
    private void announceTransitions(ArrayCluster cluster, ArrayClusterStatus previous, ArrayClusterStatus current) {
        boolean wasReady = Conditions.isTrue(previous.getConditions(), ArrayClusterConditions.READY);
        boolean isReady = Conditions.isTrue(current.getConditions(), ArrayClusterConditions.READY);
        if (isReady && !wasReady) {
            events.normal(cluster, "Ready", "scheduler and minimum workers are ready at "
                    + current.getSchedulerAddress());
            if (previous.getReadyTime() == null) {
                metrics.timeToReady(Duration.between(Instant.parse(cluster.getMetadata().getCreationTimestamp()),
                        clock.instant()));
            }
        }
        Optional<Integer> previousTarget = Optional.ofNullable(previous.getAutoscaler()).map(AutoscalerStatus::getTarget);
        Optional<AutoscalerStatus> decision = Optional.ofNullable(current.getAutoscaler());
        decision.filter(d -> d.getTarget() != null && !previousTarget.equals(Optional.of(d.getTarget())))
                .ifPresent(d -> events.normal(cluster, "AutoscalerDecision", "target "
                        + previousTarget.map(String::valueOf).orElse("none") + " -> " + d.getTarget() + " workers ("
                        + d.getReason() + ", the scheduler recommends " + d.getRecommendation() + ")"));
        if (current.getPhase() == ArrayClusterPhase.Suspended && previous.getPhase() != ArrayClusterPhase.Suspended) {
            events.normal(cluster, "Suspended", "spec.suspend is true: scheduler and workers removed");
        }
    }

    /** Warning events and logs when the pull secrets' problems change, not on every pass. */
    private void announcePullSecretProblems(ArrayCluster cluster, ArrayClusterStatus previous,
            PullSecretKeeper.Report report) {
        Optional<io.tessera.api.v1alpha1.common.Condition> before = Conditions.find(previous.getConditions(),
                ArrayClusterConditions.IMAGE_PULL_SECRETS_READY);
        boolean same = before.map(c -> Objects.equals(c.getReason(), report.reason())
                && Objects.equals(c.getMessage(), report.message())).orElse(false);
        if (report.ready() || same) {
            return;
        }
        for (PullSecretKeeper.Problem problem : report.problems()) {
            events.warning(cluster, problem.eventReason(), problem.message());
            Log.warnf("%s: %s", ClusterKeys.of(cluster), problem.message());
        }
    }

    /** A Warning event and log line when the TLS Secret's problem is new, not on every pass. */
    private void announceTlsProblem(ArrayCluster cluster, ArrayClusterStatus previous, TlsSecretKeeper.Report report) {
        boolean same = Conditions.find(previous.getConditions(), ArrayClusterConditions.TLS_SECRET_READY)
                .map(c -> Objects.equals(c.getReason(), report.reason())
                        && Objects.equals(c.getMessage(), report.message())).orElse(false);
        if (!report.ready() && !same) {
            events.warning(cluster, report.eventReason(), report.message());
            Log.warnf("%s: %s", ClusterKeys.of(cluster), report.message());
        }
    }

    /** A Normal event when the environment is built, a Warning when it cannot be: once per change, not every pass. */
    private void announceEnvironment(ArrayCluster cluster, ArrayClusterStatus previous, EnvironmentReport report) {
        boolean same = Conditions.find(previous.getConditions(), ArrayClusterConditions.ENVIRONMENT_READY)
                .map(c -> Objects.equals(c.getReason(), report.reason())
                        && Objects.equals(c.getMessage(), report.message())).orElse(false);
        if (same || EnvironmentReport.BUILDING.equals(report.reason())) {
            return;
        }
        if (report.ready()) {
            events.normal(cluster, report.eventReason(), report.message());
        } else {
            events.warning(cluster, report.eventReason(), report.message());
            Log.warnf("%s: %s", ClusterKeys.of(cluster), report.message());
            if (report.failed()) {
                metrics.clusterFailed(report.reason());
            }
        }
    }

    private Optional<String> dashboardUrl(ArrayCluster cluster) {
        boolean enabled = Optional.ofNullable(cluster.getSpec().getScheduler()).map(SchedulerSpec::getDashboard)
                .map(DashboardSpec::getEnabled).orElse(true);
        return enabled ? Optional.of(SchedulerClients.address(config.dashboardUrl(), cluster).toString())
                : Optional.empty();
    }

    private static Optional<Failure> previousFailure(ArrayClusterStatus previous) {
        if (previous.getPhase() != ArrayClusterPhase.Failed) {
            return Optional.empty();
        }
        // An environment failure is looked at again on every pass: deleting the build Job retries it.
        return Conditions.find(previous.getConditions(), ArrayClusterConditions.READY)
                .filter(c -> !EnvironmentReport.isFailure(c.getReason()))
                .map(c -> new Failure(c.getReason(), c.getMessage()));
    }

    private static boolean suspended(ArrayCluster cluster) {
        return Boolean.TRUE.equals(cluster.getSpec().getSuspend());
    }
}

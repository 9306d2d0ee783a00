package io.tessera.operator.arrayjob;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
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
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.operator.arraycluster.EnvironmentResolver;
import io.tessera.operator.arraycluster.PullSecretKeeper;
import io.tessera.operator.arrayjob.desired.ArrayJobNames;
import io.tessera.operator.arrayjob.desired.EphemeralClusterFactory;
import io.tessera.operator.arrayjob.desired.RunMetadata;
import io.tessera.operator.arrayjob.desired.RunnerJobFactory;
import io.tessera.operator.arrayjob.desired.ScriptConfigMapFactory;
import io.tessera.operator.arrayjob.lifecycle.AdmissionGate;
import io.tessera.operator.arrayjob.lifecycle.CleanupDecision;
import io.tessera.operator.arrayjob.lifecycle.RunLifecycle;
import io.tessera.operator.arrayjob.lifecycle.RunObservation;
import io.tessera.operator.arrayjob.lifecycle.RunStatusFactory;
import io.tessera.operator.arrayjob.lifecycle.RunStep;
import io.tessera.operator.common.ClusterLabels;
import io.tessera.operator.common.EventRecorder;
import io.tessera.operator.config.OperatorConfig;
import io.tessera.operator.environment.EnvironmentContent;
import io.tessera.operator.environment.EnvironmentMount;
import io.tessera.operator.environment.EnvironmentReport;
import io.tessera.operator.metrics.OperatorMetrics;
import io.tessera.operator.scheduledjob.planning.RunAnnotations;

/**
 * Reconciles an ArrayJob into its ephemeral ArrayCluster and its runner Job. {@link RunLifecycle}
 * decides, this class carries it out: every create is idempotent (an AlreadyExists answer means
 * an earlier pass did it), status is written only when it changed, and the reconciler asks to be
 * woken for the deadlines no watched object announces (provisioning, KeepFor, TTL).
 */
// Not generation-aware: the gateway's admission decision arrives as an annotation (metadata only,
// no new generation) and must wake the run. The extra pass after our own status patch is a no-op.
@ControllerConfiguration(generationAwareEventProcessing = false)
public class ArrayJobReconciler implements Reconciler<ArrayJob> {

    /** Runner Jobs Tessera made; the only Jobs the operator caches. */
    static final String JOB_SELECTOR = Constants.LABEL_MANAGED_BY + "=" + Constants.MANAGED_BY + ","
            + Constants.LABEL_COMPONENT + "=" + ClusterLabels.RUNNER;
    /** Clusters made for runs; clusters people made themselves are not this reconciler's concern. */
    static final String CLUSTER_SELECTOR = ArrayJobNames.LABEL_RUN;

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;
    @Inject
    Clock clock;
    @Inject
    EventRecorder events;
    @Inject
    OperatorMetrics metrics;
    @Inject
    PullSecretKeeper pullSecrets;
    @Inject
    EnvironmentResolver environments;

    @Override
    public List<EventSource<?, ArrayJob>> prepareEventSources(EventSourceContext<ArrayJob> context) {
        var clusters = InformerEventSourceConfiguration.from(ArrayCluster.class, ArrayJob.class)
                .withLabelSelector(CLUSTER_SELECTOR).build();
        var jobs = InformerEventSourceConfiguration.from(Job.class, ArrayJob.class).withLabelSelector(JOB_SELECTOR).build();
        return List.of(new InformerEventSource<>(clusters, context), new InformerEventSource<>(jobs, context));
    }

    @Override
    public UpdateControl<ArrayJob> reconcile(ArrayJob run, Context<ArrayJob> context) {
        if (run.getMetadata().getDeletionTimestamp() != null) {
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant();
        Optional<ArrayCluster> cluster = context.getSecondaryResource(ArrayCluster.class);
        Optional<Job> job = context.getSecondaryResource(Job.class);
        ArrayJobPhase before = Optional.ofNullable(run.getStatus()).map(ArrayJobStatus::getPhase).orElse(null);
        AdmissionGate gate = AdmissionGate.decide(config.quotaAdmission().enabled(), run.getMetadata().getAnnotations(),
                cluster.isPresent() || (before != null && before != ArrayJobPhase.Queued),
                () -> quotaManaged(run.getMetadata().getNamespace()));
        if (!gate.open()) {
            return patchIfChanged(run, RunStatusFactory.queued(run, gate.condition().orElseThrow(), clock));
        }
        RunStep step = RunLifecycle.decide(new RunObservation(run, cluster, job), now);

        if (step.createCluster()) {
            create(EphemeralClusterFactory.desired(run));
            events.normal(run, "ClusterCreated", "created cluster " + ArrayJobNames.cluster(run.getMetadata().getName()));
        }
        if (step.createRunner()) {
            ScriptConfigMapFactory.desired(run).ifPresent(this::create);
            // Always suspended: the pass that sees the new Job resumes it once the cluster is Ready.
            // The run's cluster, in this namespace and Ready by now, has had the pull secrets copied.
            create(RunnerJobFactory.desired(run, metadata(run, cluster.get()), config.workerImage(),
                    config.podSecurity(), pullSecrets.names(), environment(cluster.get()), true));
            events.normal(run, "RunnerCreated", "created runner Job " + ArrayJobNames.job(run.getMetadata().getName())
                    + ", suspended until the cluster is Ready");
        }
        if (step.resumeRunner()) {
            suspend(job.get(), false);
            events.normal(run, "RunnerStarted", "the cluster is Ready: resumed runner Job " + job.get().getMetadata().getName());
        }
        if (step.stopRunner()) {
            suspend(job.get(), true);
        }
        if (step.newlyFinished()) {
            announceFinish(run, step);
        }
        Optional<Duration> recheck = step.recheckAfter();
        if (step.finished()) {
            CleanupDecision cleanup = CleanupDecision.decide(run.getSpec(), step.phase() == ArrayJobPhase.Succeeded,
                    step.completionTime().orElse(now), now);
            if (cleanup.deleteRun()) {
                Log.infof("%s/%s: ttlSecondsAfterFinished passed; deleting the run", run.getMetadata().getNamespace(),
                        run.getMetadata().getName());
                client.resource(run).delete();
                return UpdateControl.noUpdate();
            }
            if (cleanup.deleteCluster() && cluster.isPresent() && cluster.get().getMetadata().getDeletionTimestamp() == null) {
                client.resource(cluster.get()).delete();
                events.normal(run, "ClusterDeleted", "deleted cluster " + cluster.get().getMetadata().getName()
                        + " (cleanup after " + step.phase() + ")");
            }
            recheck = cleanup.recheckAfter();
        }
        ArrayJobStatus status = RunStatusFactory.withAdmission(RunStatusFactory.status(run, step, clock), gate.condition(),
                Optional.ofNullable(run.getMetadata().getGeneration()).orElse(0L), clock);
        UpdateControl<ArrayJob> control = patchIfChanged(run, status);
        return recheck.map(control::rescheduleAfter).orElse(control);
    }

    private static UpdateControl<ArrayJob> patchIfChanged(ArrayJob run, ArrayJobStatus status) {
        if (Objects.equals(Serialization.asJson(status), Serialization.asJson(run.getStatus()))) {
            return UpdateControl.noUpdate();
        }
        run.setStatus(status);
        return UpdateControl.patchStatus(run);
    }

    /** A namespace whose quota the gateway manages carries the group label (ARCHITECTURE.md, tenancy). */
    private boolean quotaManaged(String namespace) {
        var ns = client.namespaces().withName(namespace).get();
        return ns != null && ns.getMetadata().getLabels() != null
                && ns.getMetadata().getLabels().containsKey(Constants.LABEL_GROUP);
    }

    private void announceFinish(ArrayJob run, RunStep step) {
        String result = step.phase().name();
        metrics.runFinished(result, step.failure().map(f -> f.reason()).orElse("none"));
        if (step.failure().isPresent()) {
            events.warning(run, step.failure().get().reason(), step.failure().get().message());
            Log.warnf("%s/%s: failed (%s): %s", run.getMetadata().getNamespace(), run.getMetadata().getName(),
                    step.failure().get().reason(), step.failure().get().message());
        } else {
            events.normal(run, "Succeeded", "the runner finished successfully");
        }
    }

    /**
     * The environment the run's cluster built (it has a scheduler, so the build completed): the
     * runner mounts the same one as the workers.
     */
    private Optional<EnvironmentMount> environment(ArrayCluster cluster) {
        if (!EnvironmentContent.requested(cluster.getSpec().getEnvironment())) {
            return Optional.empty();
        }
        EnvironmentResolver.Resolution resolution = environments.resolve(cluster);
        // The lockfile vanished since the build: never a silent fallback to the bare image; try again later.
        return Optional.of(resolution.content().map(EnvironmentMount::of).orElseThrow(() -> new IllegalStateException(
                resolution.problem().map(EnvironmentReport::message).orElse("environment unknown"))));
    }

    /** The scheduled time and trigger a ScheduledJob put on its run; a plain ArrayJob's own creation. */
    private static RunMetadata metadata(ArrayJob run, ArrayCluster cluster) {
        Map<String, String> annotations = Optional.ofNullable(run.getMetadata().getAnnotations()).orElse(Map.of());
        return new RunMetadata(cluster.getStatus().getSchedulerAddress(),
                Optional.ofNullable(annotations.get(RunAnnotations.SCHEDULED_TIME))
                        .orElse(run.getMetadata().getCreationTimestamp()),
                Optional.ofNullable(annotations.get(RunAnnotations.TRIGGER)).orElse(RunMetadata.DIRECT));
    }

    /** Idempotent create: the names are fixed, so AlreadyExists means an earlier pass made it. */
    private void create(HasMetadata object) {
        try {
            client.resource(object).create();
            Log.infof("%s/%s: created %s", object.getMetadata().getNamespace(), object.getMetadata().getName(),
                    object.getKind());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private void suspend(Job job, boolean suspend) {
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspend + "}}");
    }
}

package io.tessera.operator.scheduledjob;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
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
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJob;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJobStatus;
import io.tessera.operator.common.EventRecorder;
import io.tessera.operator.metrics.OperatorMetrics;
import io.tessera.operator.scheduledjob.planning.PlanEvent;
import io.tessera.operator.scheduledjob.planning.PlanInputs;
import io.tessera.operator.scheduledjob.planning.PlannedRun;
import io.tessera.operator.scheduledjob.planning.RunAnnotations;
import io.tessera.operator.scheduledjob.planning.ScheduledJobPlan;
import io.tessera.operator.scheduledjob.planning.ScheduledJobPlanner;
import io.tessera.operator.scheduledjob.planning.ScheduledJobStatusFactory;

/**
 * Carries out what {@link ScheduledJobPlanner} decides: deletes the runs Replace ends, creates the
 * new runs (the name is the lock: AlreadyExists is success), prunes history, records events,
 * remembers the handled run-now request and writes status when it changed. It is woken by changes
 * of the ScheduledJob and its runs, and at the next tick; it never polls. Every change of the
 * object counts, not only of its spec, since the run-now request is an annotation.
 */
@ControllerConfiguration(generationAwareEventProcessing = false)
public class ScheduledJobReconciler implements Reconciler<ScheduledJob> {

    @Inject
    KubernetesClient client;
    @Inject
    Clock clock;
    @Inject
    RunMemory memory;
    @Inject
    EventRecorder events;
    @Inject
    OperatorMetrics metrics;

    /** Schedules without spec.timeZone run in the operator's zone, as CronJobs in kube-controller-manager's. */
    private final ScheduledJobPlanner planner = new ScheduledJobPlanner(ZoneId.systemDefault());

    @Override
    public List<EventSource<?, ScheduledJob>> prepareEventSources(EventSourceContext<ScheduledJob> context) {
        var runs = InformerEventSourceConfiguration.from(ArrayJob.class, ScheduledJob.class)
                .withLabelSelector(RunFactory.LABEL_SCHEDULED_JOB).build();
        return List.of(new InformerEventSource<>(runs, context));
    }

    @Override
    public UpdateControl<ScheduledJob> reconcile(ScheduledJob scheduledJob, Context<ScheduledJob> context) {
        String key = scheduledJob.getMetadata().getNamespace() + "/" + scheduledJob.getMetadata().getName();
        if (scheduledJob.getMetadata().getDeletionTimestamp() != null) {
            memory.forget(key);
            return UpdateControl.noUpdate();
        }
        List<ArrayJob> runs = new ArrayList<>(memory.runs(key, context.getSecondaryResources(ArrayJob.class)));
        ScheduledJobPlan plan = planner.plan(PlanInputs.from(scheduledJob, runs), clock.instant());

        for (String name : plan.runsToDelete()) {
            delete(key, scheduledJob, runs, name, "replaced by a new run (concurrency policy Replace)");
        }
        for (PlannedRun planned : plan.runsToCreate()) {
            runs.add(create(key, scheduledJob, RunFactory.desired(scheduledJob, planned, plan.zone())));
            metrics.scheduledRunCreated(planned.trigger().name());
        }
        for (String name : plan.runsToPrune()) {
            delete(key, scheduledJob, runs, name, "history limit reached");
        }
        for (PlanEvent event : plan.events()) {
            if (event.type() == PlanEvent.Type.Warning) {
                events.warning(scheduledJob, event.reason(), event.message());
            } else {
                events.normal(scheduledJob, event.reason(), event.message());
            }
        }
        Optional<String> versionAfterOwnWrite = plan.status().handledRunNow()
                .flatMap(token -> rememberRunNow(scheduledJob, token));

        ScheduledJobStatus status = ScheduledJobStatusFactory.status(scheduledJob, plan, runs, clock);
        UpdateControl<ScheduledJob> control;
        if (Objects.equals(Serialization.asJson(status), Serialization.asJson(scheduledJob.getStatus()))) {
            control = UpdateControl.noUpdate();
        } else {
            scheduledJob.setStatus(status);
            // Optimistic lock on the version this plan was made from (or on our own annotation write):
            // a change made meanwhile, e.g. a new run-now request, fails the write and the retry
            // plans again with it, instead of the write swallowing the change's event.
            versionAfterOwnWrite.ifPresent(scheduledJob.getMetadata()::setResourceVersion);
            control = UpdateControl.patchStatus(scheduledJob);
        }
        return plan.requeueAfter().map(control::rescheduleAfter).orElse(control);
    }

    /** The created run, or the desired one when an earlier pass created it already (same name, same content). */
    private ArrayJob create(String key, ScheduledJob scheduledJob, ArrayJob run) {
        ArrayJob created = run;
        try {
            created = client.resource(run).create();
            events.normal(scheduledJob, "SuccessfulCreate", "Created run " + run.getMetadata().getName());
            Log.infof("%s: created run %s", key, run.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        memory.created(key, created);
        return created;
    }

    private void delete(String key, ScheduledJob scheduledJob, List<ArrayJob> runs, String name, String why) {
        Optional<ArrayJob> run = runs.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
        client.resources(ArrayJob.class).inNamespace(scheduledJob.getMetadata().getNamespace()).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        run.ifPresent(r -> memory.deleted(key, r));
        events.normal(scheduledJob, "SuccessfulDelete", "Deleted run " + name + ": " + why);
    }

    /** The request is handled once; the annotation may stay (in Git, say) without starting more runs. */
    /** @return the resourceVersion after the write, if one was needed */
    private Optional<String> rememberRunNow(ScheduledJob scheduledJob, String token) {
        Map<String, String> annotations = Optional.ofNullable(scheduledJob.getMetadata().getAnnotations()).orElse(Map.of());
        if (token.equals(annotations.get(RunAnnotations.RUN_NOW_HANDLED))) {
            return Optional.empty();
        }
        String patch = "{\"metadata\":{\"annotations\":{" + Serialization.asJson(RunAnnotations.RUN_NOW_HANDLED) + ":"
                + Serialization.asJson(token) + "}}}";
        ScheduledJob written = client.resources(ScheduledJob.class).inNamespace(scheduledJob.getMetadata().getNamespace())
                .withName(scheduledJob.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        return Optional.ofNullable(written).map(w -> w.getMetadata().getResourceVersion());
    }
}

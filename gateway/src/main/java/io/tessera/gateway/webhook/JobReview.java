package io.tessera.gateway.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpec;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJob;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJobSpec;
import io.tessera.api.v1alpha1.scheduledjob.spec.JobTemplate;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.UserEntity;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import io.tessera.gateway.quota.Decision;
import io.tessera.gateway.webhook.owner.Owners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ArrayJob CREATE and ScheduledJob CREATE/UPDATE. Nothing is reserved here: a run reserves when
 * the quota queue admits it, in creation order. The webhook checks what would otherwise surface
 * late or never: an owner who may use the group's quota, a cluster whose every container is
 * sized, and a footprint that fits the group's whole quota (else the run would wait forever).
 * It records the owner, because the queue reserves after the requesting user is gone.
 */
@ApplicationScoped
public class JobReview {

    private static final List<String> QUEUE_ANNOTATIONS = List.of(ArrayJobAdmission.ANNOTATION_ADMITTED,
            ArrayJobAdmission.ANNOTATION_REASON, ArrayJobAdmission.ANNOTATION_MESSAGE);

    @Inject
    Owners owners;

    @Inject
    WholeQuota wholeQuota;

    @Inject
    CondaCheck conda;

    public Verdict arrayJob(ReviewRequest request, GroupEntity group) {
        ArrayJob run = Kinds.read(request.objectIfAny().orElseThrow(
                () -> new IllegalArgumentException("request.object is missing")), ArrayJob.class);
        List<String> forged = QUEUE_ANNOTATIONS.stream().filter(Kinds.annotations(run)::containsKey).toList();
        if (!forged.isEmpty()) {
            return Verdict.deny("ArrayJob " + request.name() + ": annotations " + String.join(", ", forged)
                    + " are written by the gateway's quota queue only; remove them");
        }
        ArrayClusterSpec cluster = Optional.ofNullable(run.getSpec()).map(ArrayJobSpec::getCluster).orElse(null);
        Optional<Owners.Parent> schedule = Kinds.controller(run, Constants.SCHEDULED_JOB_KIND)
                .map(name -> new Owners.Parent(Owners.SCHEDULED_JOB, name));
        return check(request, group, run, Owners.ARRAY_JOB, cluster, schedule);
    }

    public Verdict scheduledJob(ReviewRequest request, GroupEntity group) {
        ScheduledJob schedule = Kinds.read(request.objectIfAny().orElseThrow(
                () -> new IllegalArgumentException("request.object is missing")), ScheduledJob.class);
        if (Kinds.deleting(schedule)) {
            return Verdict.ALLOW;
        }
        ArrayClusterSpec cluster = clusterOf(schedule);
        if ("UPDATE".equals(request.operation()) && request.oldObjectIfAny()
                .map(old -> Kinds.read(old, ScheduledJob.class))
                .filter(old -> Objects.equals(Kinds.userLabel(old), Kinds.userLabel(schedule)))
                .filter(old -> Kinds.json(clusterOf(old)).equals(Kinds.json(clusterOf(schedule)))).isPresent()) {
            // Neither the owner nor the run's cluster changed (e.g. the operator's run-now bookkeeping).
            return Verdict.ALLOW;
        }
        // On UPDATE the owner recorded at creation still holds.
        Optional<Owners.Parent> self = "UPDATE".equals(request.operation())
                ? Optional.of(new Owners.Parent(Owners.SCHEDULED_JOB, request.name())) : Optional.empty();
        return check(request, group, schedule, Owners.SCHEDULED_JOB, cluster, self);
    }

    private static ArrayClusterSpec clusterOf(ScheduledJob schedule) {
        return Optional.ofNullable(schedule.getSpec()).map(ScheduledJobSpec::getJobTemplate)
                .map(JobTemplate::getSpec).map(ArrayJobSpec::getCluster).orElse(null);
    }

    private Verdict check(ReviewRequest request, GroupEntity group, HasMetadata object, String kind,
            ArrayClusterSpec cluster, Optional<Owners.Parent> parent) {
        Optional<Verdict> refused = conda.deny(kind, request.name(), cluster,
                Owners.SCHEDULED_JOB.equals(kind) ? "spec.jobTemplate.spec.cluster" : "spec.cluster");
        if (refused.isPresent()) {
            return refused.get();
        }
        ArrayClusterFootprint footprint = ArrayClusterFootprint.of(Optional.ofNullable(cluster).orElseGet(ArrayClusterSpec::new));
        if (!footprint.unsized().isEmpty()) {
            return Verdict.deny(kind + " " + request.name() + ": the run's cluster has " + String.join(", ", footprint.unsized())
                    + " without CPU or memory requests, so group " + group.name + "'s quota cannot charge them;"
                    + " set resources.requests (or limits) for cpu and memory");
        }
        UserEntity owner = owners.resolve(group, Kinds.userLabel(object), parent, request.username());
        Decision whole = wholeQuota.check(group, owner, footprint.resources());
        if (whole instanceof Decision.Reject reject) {
            return Verdict.deny(kind + " " + request.name() + " can never be admitted, its cluster alone is larger than"
                    + " the quota (even with nothing else running): " + reject.message());
        }
        if (!request.dryRun()) {
            owners.record(kind, group, request.name(), owner);
        }
        return Verdict.ALLOW;
    }
}

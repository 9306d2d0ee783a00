package io.tessera.gateway.webhook;

import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.WorkerSpec;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.ClusterEntity;
import io.tessera.gateway.admission.ClusterRepository;
import io.tessera.gateway.admission.CreateCluster;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.UserEntity;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import io.tessera.gateway.quota.Decision;
import io.tessera.gateway.webhook.owner.Owners;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/**
 * ArrayCluster CREATE and UPDATE and its {@code scale} subresource: the cluster's footprint
 * ({@link ArrayClusterFootprint}, the same charge the REST API reserves) goes through
 * {@link AdmissionService}. A cluster with a reservation is scaled to its new footprint (a smaller
 * one is always admitted); one without is created. The cluster of an ArrayJob run is admitted
 * against the run's queue admission: the queue reserved it under this name already.
 */
@ApplicationScoped
public class ArrayClusterReview {

    @Inject
    AdmissionService admission;

    @Inject
    ClusterRepository clusters;

    @Inject
    Owners owners;

    @Inject
    KubernetesClient client;

    @Inject
    EntityManager em;

    @Inject
    CondaCheck conda;

    public Verdict review(ReviewRequest request, GroupEntity group) {
        ArrayCluster cluster;
        if ("scale".equals(request.subResource())) {
            cluster = scaled(request);
        } else {
            cluster = Kinds.read(request.objectIfAny().orElseThrow(
                    () -> new IllegalArgumentException("request.object is missing")), ArrayCluster.class);
        }
        if (Kinds.deleting(cluster)) {
            return Verdict.ALLOW; // never stand in the way of a deletion (finalizers being removed)
        }
        if (!"scale".equals(request.subResource()) && environmentChanged(request, cluster)) {
            Optional<Verdict> refused = conda.deny("ArrayCluster", request.name(), cluster.getSpec(), "spec");
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        ArrayClusterFootprint footprint = ArrayClusterFootprint.of(
                Optional.ofNullable(cluster.getSpec()).orElseGet(ArrayClusterSpec::new));
        if (!footprint.unsized().isEmpty()) {
            return Verdict.deny("ArrayCluster " + request.name() + ": " + String.join(", ", footprint.unsized())
                    + " request no CPU or no memory, so group " + group.name + "'s quota cannot charge them;"
                    + " set resources.requests (or limits) for cpu and memory");
        }
        String name = cluster.getMetadata().getName();
        Optional<ClusterEntity> reserved = clusters.findLive(group.namespace, name);
        if (reserved.isEmpty() && unchangedFootprint(request, footprint)) {
            // Nothing grows (a label, spec.suspend, the operator's own patches) of a cluster that
            // holds no reservation (it predates the webhook): let it pass rather than block its owner.
            return Verdict.ALLOW;
        }
        if (reserved.isPresent()) {
            if ("CREATE".equals(request.operation())) {
                // Created after a REST reservation, or the run's cluster after the queue's: idempotent
                // for the same owner and footprint, a conflict for anything else.
                String owner = em.find(UserEntity.class, reserved.get().ownerId).username;
                return verdict(DryRun.maybe(request.dryRun(),
                        () -> admission.create(new CreateCluster(group.name, owner, name, footprint.resources()))));
            }
            return verdict(DryRun.maybe(request.dryRun(),
                    () -> admission.scale(group.namespace, name, footprint.resources())));
        }
        Optional<String> run = Kinds.controller(cluster, Constants.ARRAY_JOB_KIND);
        if (run.isPresent() && !admittedRun(group.namespace, run.get())) {
            return Verdict.deny("ArrayCluster " + name + " belongs to ArrayJob " + run.get()
                    + ", which waits in group " + group.name + "'s quota queue; its cluster is created once it is admitted");
        }
        UserEntity owner = owners.resolve(group, Kinds.userLabel(cluster),
                run.map(r -> new Owners.Parent(Owners.ARRAY_JOB, r)), request.username());
        return verdict(DryRun.maybe(request.dryRun(),
                () -> admission.create(new CreateCluster(group.name, owner.username, name, footprint.resources()))));
    }

    /**
     * The queue admitted the run but its reservation is gone (released by a resync before the
     * operator created the cluster): it is reserved again here, if it still fits.
     */
    private boolean admittedRun(String namespace, String run) {
        ArrayJob job = client.resources(ArrayJob.class).inNamespace(namespace).withName(run).get();
        return job != null && "true".equals(Kinds.annotations(job).get(ArrayJobAdmission.ANNOTATION_ADMITTED));
    }

    private static boolean unchangedFootprint(ReviewRequest request, ArrayClusterFootprint footprint) {
        return "UPDATE".equals(request.operation()) && request.subResource().isEmpty()
                && request.oldObjectIfAny().map(old -> Kinds.read(old, ArrayCluster.class))
                        .map(old -> ArrayClusterFootprint.of(Optional.ofNullable(old.getSpec()).orElseGet(ArrayClusterSpec::new)))
                        .map(footprint::equals).orElse(false);
    }

    /** The cluster as it would be after the scale: the live object with the Scale's replicas. */
    private ArrayCluster scaled(ReviewRequest request) {
        int replicas = request.objectIfAny().map(o -> o.path("spec").path("replicas"))
                .filter(n -> n.canConvertToInt()).map(n -> n.asInt())
                .orElseThrow(() -> new IllegalArgumentException("the Scale has no spec.replicas"));
        ArrayCluster cluster = client.resources(ArrayCluster.class).inNamespace(request.namespace())
                .withName(request.name()).get();
        if (cluster == null) {
            throw new IllegalArgumentException("ArrayCluster " + request.namespace() + "/" + request.name() + " not found");
        }
        if (cluster.getSpec() == null) {
            cluster.setSpec(new ArrayClusterSpec());
        }
        if (cluster.getSpec().getWorker() == null) {
            cluster.getSpec().setWorker(new WorkerSpec());
        }
        cluster.getSpec().getWorker().setReplicas(replicas);
        return cluster;
    }

    static Verdict verdict(Decision decision) {
        return decision instanceof Decision.Reject reject ? Verdict.deny(reject.message()) : Verdict.ALLOW;
    }

    /** A cluster created before conda was turned off keeps its updates (labels, scale, suspend) admissible. */
    private static boolean environmentChanged(ReviewRequest request, ArrayCluster cluster) {
        return request.oldObjectIfAny().map(old -> Kinds.read(old, ArrayCluster.class))
                .map(old -> !Kinds.json(environmentOf(old)).equals(Kinds.json(environmentOf(cluster))))
                .orElse(true);
    }

    private static Object environmentOf(ArrayCluster cluster) {
        return Optional.ofNullable(cluster.getSpec()).map(ArrayClusterSpec::getEnvironment).orElse(null);
    }
}

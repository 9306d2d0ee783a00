package io.tessera.gateway.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.options.GroupOptions;
import io.tessera.gateway.options.GroupOptionsService;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import io.tessera.gateway.quota.Decision;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * {@code /scale} and {@code /adapt}: the group's max workers clamp first (as dask-gateway's
 * cluster_max_workers), then the quota, through real admissions ({@link LargestFit}). Clamping is
 * never an error: the answer is {@code ok: false} with a message the client shows as a warning.
 *
 * <p>How the books stay equal to the spec (docs/gateway.md, "How the books stay exact"): the
 * gateway's writes of one cluster are serialised ({@link ClusterLocks}); each attempt reads the
 * ArrayCluster afresh, claims its new footprint in the books (one transaction under the group's
 * lock), and writes the spec conditionally on the resourceVersion it read. If anything else wrote
 * the object meanwhile (the operator's status, a kubectl edit) the write is refused and the
 * attempt starts again from a fresh read; if the webhook denied it, the quota is decided again. A
 * failed attempt settles the books to the spec that exists, by compare-and-set on the
 * reservation's version, so that it never undoes a reservation somebody else made since.
 */
@ApplicationScoped
public class ClusterScaling {

    /** Attempts per request; conflicts with status writes clear in one or two. */
    static final int MAX_ATTEMPTS = 8;
    /** Webhook denials tolerated before the denial is the answer (one re-decision against fresh books). */
    private static final int MAX_DENIALS = 2;

    @Inject
    ClusterService clusters;

    @Inject
    KubernetesClient client;

    @Inject
    AdmissionService admission;

    @Inject
    GroupOptionsService groupOptions;

    @Inject
    GroupRepository groups;

    @Inject
    ClusterLocks locks;

    /** Sets the worker count, clamped to the group's max workers and to what the quota still admits. */
    public ScaleResult scale(String username, String name, JsonNode body) {
        int wanted = ScaleRequests.count(body);
        return serialised(username, name, live -> {
            ScaleRequests.Count clamped = ScaleRequests.clampScale(wanted, live.bounds().maxWorkers());
            Fit fit = fit(live, clamped.count(), WorkerTarget::manual);
            return new Attempt(WorkerTarget.manual(fit.count()), fit.version(),
                    ScaleResult.of(clamped.message(), fit.message()));
        });
    }

    /** Adaptive between min and max (admission charges max), or back to Manual at the current count when inactive. */
    public ScaleResult adapt(String username, String name, JsonNode body) {
        return serialised(username, name, live -> {
            ScaleRequests.Adapt adapt = ScaleRequests.adapt(body, live.bounds().maxWorkers());
            if (!adapt.active()) {
                int current = Optional.ofNullable(live.resource().getStatus()).map(s -> s.getReplicas())
                        .or(() -> Optional.ofNullable(live.resource().getSpec().getWorker()).map(w -> w.getReplicas()))
                        .orElse(0);
                Fit fit = fit(live, current, WorkerTarget::manual);
                return new Attempt(WorkerTarget.manual(fit.count()), fit.version(), ScaleResult.of(null, fit.message()));
            }
            Fit fit = fit(live, adapt.maximum(), max -> WorkerTarget.adaptive(Math.min(adapt.minimum(), max), max));
            return new Attempt(WorkerTarget.adaptive(Math.min(adapt.minimum(), fit.count()), fit.count()), fit.version(),
                    ScaleResult.of(adapt.message(), fit.message()));
        });
    }

    /**
     * Sets the books of a cluster to its spec's footprint unless they changed since {@code version}
     * (the reconciliation's correction); true when they were changed.
     */
    public boolean settle(String namespace, String name, long version) {
        return locks.with(namespace, name, () -> settleNow(namespace, name, version));
    }

    /** {@code ok} is false when the request was clamped; {@code msg} then says how (null otherwise, always present). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScaleResult(boolean ok, String msg) {

        static ScaleResult of(String... messages) {
            String msg = Arrays.stream(messages).filter(m -> m != null).reduce((a, b) -> a + " " + b).orElse(null);
            return new ScaleResult(msg == null, msg);
        }
    }

    private record Live(ClusterRecords.Row row, ArrayCluster resource, GroupOptions bounds) {

        String namespace() {
            return row.cluster().namespace;
        }

        String name() {
            return row.cluster().name;
        }
    }

    private record Fit(int count, long version, String message) {
    }

    /** What one attempt writes, the books' version after its claim, and the answer if the write succeeds. */
    private record Attempt(WorkerTarget target, long version, ScaleResult result) {
    }

    private ScaleResult serialised(String username, String name, Function<Live, Attempt> plan) {
        clusters.requireKubernetes();
        String namespace = clusters.owned(username, name).cluster().namespace;
        return locks.with(namespace, name, () -> retrying(username, name, plan));
    }

    /** Read, claim, write conditionally; on a stale read or a webhook denial settle the books and go again. */
    private ScaleResult retrying(String username, String name, Function<Live, Attempt> plan) {
        int denials = 0;
        for (int attempt = 1;; attempt++) {
            Live live = live(username, name);
            Attempt planned = plan.apply(live);
            try {
                write(live, planned.target());
                return planned.result();
            } catch (KubernetesClientException e) {
                settleNow(live.namespace(), live.name(), planned.version());
                if (e.getCode() == 404) {
                    throw ApiException.conflict("cluster " + name + " is not running");
                }
                Optional<String> denied = KubernetesRefusals.webhookMessage(e);
                if (denied.isPresent()) {
                    denials++;
                    if (denials >= MAX_DENIALS || attempt >= MAX_ATTEMPTS) {
                        // A quota (or policy) refusal is the caller's to act on: a 4xx with the webhook's words.
                        throw new ApiException(e.getCode() == 409 ? 409 : 422,
                                "cluster " + name + " not scaled: " + denied.get());
                    }
                } else if (!KubernetesRefusals.staleRead(e)) {
                    throw new ApiException(503, "cluster " + name + " not scaled: " + ClusterService.kubernetesMessage(e));
                } else if (attempt >= MAX_ATTEMPTS) {
                    throw ApiException.conflict("cluster " + name + " was changed by others " + attempt
                            + " times while being scaled; try again");
                }
                Log.debugf("scale of %s/%s: attempt %d refused (%s); reading it again", live.namespace(), name,
                        attempt, e.getMessage());
                pause(attempt);
            }
        }
    }

    /** A cluster that can be scaled: owned by the user, reserved, its ArrayCluster present and not stopping or failed. */
    private Live live(String username, String name) {
        ClusterRecords.Row row = clusters.owned(username, name);
        ClusterReport report = clusters.report(row);
        Optional<ArrayCluster> resource = row.released() ? Optional.empty()
                : Optional.ofNullable(client.resources(ArrayCluster.class).inNamespace(row.cluster().namespace)
                        .withName(name).get());
        if (resource.isEmpty() || resource.get().getMetadata().getDeletionTimestamp() != null
                || !(report.status() == ClusterState.PENDING || report.status() == ClusterState.RUNNING)) {
            throw ApiException.conflict("cluster " + name + " is not running");
        }
        GroupEntity group = groups.findById(row.cluster().groupId);
        return new Live(row, resource.get(), groupOptions.of(group));
    }

    /**
     * Reserves the target with {@code wanted} workers, or the largest count below it the quota admits,
     * never less than what is already reserved.
     */
    private Fit fit(Live live, int wanted, IntFunction<WorkerTarget> target) {
        Resources previous = live.row().cluster().reserved();
        long[] version = new long[1];
        Decision refused = admit(live, target.apply(wanted), version);
        if (refused.admitted()) {
            return new Fit(wanted, version[0], null);
        }
        int from = (int) Math.min(previous.workers(), wanted);
        int count = LargestFit.search(from, wanted, c -> admit(live, target.apply(c), version).admitted());
        if (count == from) {
            admit(live, target.apply(from), version);
        }
        String why = refused instanceof Decision.Reject reject ? reject.message() : "quota";
        return new Fit(count, version[0], "Quota allows " + count + " of the " + wanted + " workers requested ("
                + why + ").");
    }

    private Decision admit(Live live, WorkerTarget target, long[] version) {
        Resources footprint = ArrayClusterFootprint.of(target.applyTo(live.resource().getSpec())).resources();
        AdmissionService.Claim claim = admission.claim(live.namespace(), live.name(), footprint);
        version[0] = claim.version();
        return claim.decision();
    }

    /** Writes the target into the object as read: refused (409) if anybody wrote it since. */
    private void write(Live live, WorkerTarget target) {
        ArrayCluster cluster = live.resource();
        target.write(cluster.getSpec());
        client.resource(cluster).update();
    }

    /**
     * After a failed write: the books hold this attempt's claim, the ArrayCluster what it held. The
     * books follow the ArrayCluster, unless somebody reserved for the cluster since the claim
     * (compare-and-set on the version): then the books are theirs to settle.
     */
    private boolean settleNow(String namespace, String name, long version) {
        try {
            ArrayCluster current = client.resources(ArrayCluster.class).inNamespace(namespace).withName(name).get();
            if (current == null || current.getSpec() == null) {
                return false; // gone: the watch and the resync release it
            }
            return admission.settle(namespace, name, ArrayClusterFootprint.of(current.getSpec()).resources(), version);
        } catch (RuntimeException e) {
            // The reconciliation corrects the books later; the caller's own failure is what to report.
            Log.warnf("could not settle the reservation of %s/%s after a failed write: %s", namespace, name,
                    e.getMessage());
            return false;
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 40L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while scaling");
        }
    }
}

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
import java.util.function.IntFunction;

/**
 * {@code /scale} and {@code /adapt}: the group's max workers clamp first (as dask-gateway's
 * cluster_max_workers), then the quota, through real admissions ({@link LargestFit}); the
 * reservation is changed before the ArrayCluster and put back if writing the ArrayCluster fails.
 * Clamping is never an error: the answer is {@code ok: false} with a message the client shows as a
 * warning.
 */
@ApplicationScoped
public class ClusterScaling {

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

    /** Sets the worker count, clamped to the group's max workers and to what the quota still admits. */
    public ScaleResult scale(String username, String name, JsonNode body) {
        int wanted = ScaleRequests.count(body);
        Live live = live(username, name);
        ScaleRequests.Count clamped = ScaleRequests.clampScale(wanted, live.bounds().maxWorkers());
        Fit fit = fit(live, clamped.count(), WorkerTarget::manual);
        write(live, WorkerTarget.manual(fit.count()), fit.previous());
        return ScaleResult.of(clamped.message(), fit.message());
    }

    /** Adaptive between min and max (admission charges max), or back to Manual at the current count when inactive. */
    public ScaleResult adapt(String username, String name, JsonNode body) {
        Live live = live(username, name);
        ScaleRequests.Adapt adapt = ScaleRequests.adapt(body, live.bounds().maxWorkers());
        if (!adapt.active()) {
            int current = Optional.ofNullable(live.resource().getStatus()).map(s -> s.getReplicas())
                    .or(() -> Optional.ofNullable(live.resource().getSpec().getWorker()).map(w -> w.getReplicas()))
                    .orElse(0);
            Fit fit = fit(live, current, WorkerTarget::manual);
            write(live, WorkerTarget.manual(fit.count()), fit.previous());
            return ScaleResult.of(null, fit.message());
        }
        Fit fit = fit(live, adapt.maximum(), max -> WorkerTarget.adaptive(Math.min(adapt.minimum(), max), max));
        write(live, WorkerTarget.adaptive(Math.min(adapt.minimum(), fit.count()), fit.count()), fit.previous());
        return ScaleResult.of(adapt.message(), fit.message());
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

    private record Fit(int count, Resources previous, String message) {
    }

    /** A cluster that can be scaled: owned by the user, reserved, its ArrayCluster present and not stopping or failed. */
    private Live live(String username, String name) {
        clusters.requireKubernetes();
        ClusterRecords.Row row = clusters.owned(username, name);
        ClusterReport report = clusters.report(row);
        Optional<ArrayCluster> resource = row.released() ? Optional.empty()
                : Optional.ofNullable(client.resources(ArrayCluster.class).inNamespace(row.cluster().namespace)
                        .withName(name).get());
        if (resource.isEmpty() || !(report.status() == ClusterState.PENDING || report.status() == ClusterState.RUNNING)) {
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
        Decision refused = admit(live, target.apply(wanted));
        if (refused.admitted()) {
            return new Fit(wanted, previous, null);
        }
        int from = (int) Math.min(previous.workers(), wanted);
        int count = LargestFit.search(from, wanted, c -> admit(live, target.apply(c)).admitted());
        if (count == from) {
            admit(live, target.apply(from));
        }
        String why = refused instanceof Decision.Reject reject ? reject.message() : "quota";
        return new Fit(count, previous, "Quota allows " + count + " of the " + wanted + " workers requested ("
                + why + ").");
    }

    private Decision admit(Live live, WorkerTarget target) {
        Resources footprint = ArrayClusterFootprint.of(target.applyTo(live.resource().getSpec())).resources();
        return admission.scale(live.namespace(), live.name(), footprint);
    }

    /** Writes the target to the ArrayCluster; if that fails, puts the previous reservation back. */
    private void write(Live live, WorkerTarget target, Resources previous) {
        try {
            client.resources(ArrayCluster.class).inNamespace(live.namespace()).withName(live.name())
                    .edit(cluster -> {
                        target.write(cluster.getSpec());
                        return cluster;
                    });
        } catch (KubernetesClientException e) {
            Decision restored = admission.scale(live.namespace(), live.name(), previous);
            Log.warnf("could not scale %s/%s (%s); previous reservation restored: %s", live.namespace(), live.name(),
                    e.getMessage(), restored.admitted());
            if (e.getCode() == 404) {
                throw ApiException.conflict("cluster " + live.name() + " is not running");
            }
            throw new ApiException(503, "cluster " + live.name() + " not scaled: " + ClusterService.kubernetesMessage(e));
        }
    }
}

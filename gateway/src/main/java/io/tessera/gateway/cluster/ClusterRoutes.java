package io.tessera.gateway.cluster;

import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.gateway.kube.KubernetesSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Which clusters the gateway may route to: only those it reports RUNNING (contract of issue 14),
 * found by name in its own records (names are unique), with the namespace recorded there.
 */
@ApplicationScoped
public class ClusterRoutes {

    /** A running cluster: where it is, whose it is, and whether its scheduler serves a dashboard. */
    public record Running(String name, String namespace, String owner, long groupId, boolean dashboard) {
    }

    @Inject
    ClusterRecords records;

    @Inject
    ClusterSync sync;

    @Inject
    KubernetesSettings settings;

    @Inject
    Clock clock;

    /** Needs a transaction or request context (database read). */
    public Optional<Running> running(String name) {
        return settings.enabled() ? records.latest(name).flatMap(this::running) : Optional.empty();
    }

    /**
     * The cluster of this record if the report would say RUNNING now: the record as read (callers
     * may cache it), the ArrayCluster as the watch last saw it (no API call).
     */
    public Optional<Running> running(ClusterRecords.Row row) {
        if (!settings.enabled() || row.released()) {
            return Optional.empty();
        }
        var cluster = row.cluster();
        Optional<ArrayCluster> resource = sync.find(cluster.namespace, cluster.name);
        ClusterState state = ClusterStatusMapper.map(false, resource, cluster.createdAt, clock.instant(),
                settings.syncGrace());
        if (state != ClusterState.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(new Running(cluster.name, cluster.namespace, row.owner(), cluster.groupId,
                dashboardEnabled(resource.get())));
    }

    /** {@code spec.scheduler.dashboard.enabled}, default true. */
    public static boolean dashboardEnabled(ArrayCluster cluster) {
        var scheduler = cluster.getSpec() == null ? null : cluster.getSpec().getScheduler();
        var dashboard = scheduler == null ? null : scheduler.getDashboard();
        return dashboard == null || !Boolean.FALSE.equals(dashboard.getEnabled());
    }
}

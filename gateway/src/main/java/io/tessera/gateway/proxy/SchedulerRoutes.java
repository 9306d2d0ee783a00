package io.tessera.gateway.proxy;

import io.tessera.gateway.cluster.ClusterRecords;
import io.tessera.gateway.cluster.ClusterRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduler proxy's routes: a cluster is reachable while the cluster report says RUNNING,
 * at the scheduler target filled in with its name and the namespace of its gateway record. The
 * record (or its absence) is cached briefly, so a flood of connections costs at most one database
 * read per name and cache period; the RUNNING check reads the ArrayCluster watch's cache each time.
 */
@ApplicationScoped
public class SchedulerRoutes implements RouteLookup {

    private static final int MAX_CACHED = 10_000;

    private record Cached(Optional<ClusterRecords.Row> row, Instant until) {
    }

    @Inject
    ClusterRecords records;

    @Inject
    ClusterRoutes clusters;

    @Inject
    ProxySettings settings;

    @Inject
    Clock clock;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Override
    @ActivateRequestContext
    public Optional<InetSocketAddress> route(String name) {
        Optional<ClusterRecords.Row> row = record(name);
        return row.flatMap(clusters::running)
                .map(running -> SchedulerTarget.of(settings.schedulerTarget(), running.namespace(), name));
    }

    private Optional<ClusterRecords.Row> record(String name) {
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.row();
        }
        Optional<ClusterRecords.Row> row = records.latest(name);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(name, new Cached(row, now.plus(settings.routeCacheTtl())));
        return row;
    }
}

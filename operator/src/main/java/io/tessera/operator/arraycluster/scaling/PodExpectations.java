package io.tessera.operator.arraycluster.scaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Create/delete expectations, as Kubernetes' ReplicaSet controller keeps them: pods this operator
 * created or deleted that its informer cache does not show yet. While any are outstanding for a
 * cluster, the cache is stale for it and the cluster is not scaled, so a slow watch can never make
 * the operator create duplicates or delete twice. Expectations expire after a while, so a lost
 * watch event cannot stall a cluster forever.
 */
public final class PodExpectations {

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Outstanding> byCluster = new ConcurrentHashMap<>();

    private record Outstanding(Set<String> creates, Set<String> deletes, Instant since) {
    }

    public PodExpectations(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    public void expectCreate(String cluster, String pod) {
        outstanding(cluster).creates().add(pod);
    }

    public void expectDelete(String cluster, String pod) {
        outstanding(cluster).deletes().add(pod);
    }

    /**
     * Settles the expectations the cache now confirms.
     *
     * @param cached names of the cluster's pods in the cache that are not being deleted
     * @return whether the cache can be trusted for this cluster
     */
    public boolean satisfied(String cluster, Set<String> cached) {
        Outstanding outstanding = byCluster.get(cluster);
        if (outstanding == null) {
            return true;
        }
        synchronized (outstanding) {
            outstanding.creates().removeAll(cached);
            outstanding.deletes().retainAll(cached);
            boolean settled = outstanding.creates().isEmpty() && outstanding.deletes().isEmpty();
            if (settled || !clock.instant().isBefore(outstanding.since().plus(ttl))) {
                byCluster.remove(cluster, outstanding);
                return true;
            }
            return false;
        }
    }

    /** The cluster is gone: nothing is expected any more. */
    public void forget(String cluster) {
        byCluster.remove(cluster);
    }

    private Outstanding outstanding(String cluster) {
        return byCluster.computeIfAbsent(cluster,
                key -> new Outstanding(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), clock.instant()));
    }

    /** For tests and diagnostics: names still expected to appear. */
    public Set<String> pendingCreates(String cluster) {
        Outstanding outstanding = byCluster.get(cluster);
        return outstanding == null ? Set.of() : new HashSet<>(outstanding.creates());
    }
}

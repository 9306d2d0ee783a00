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
 *
 * <p>Callers key a cluster by its UID as well as its name ({@code namespace/name/uid}), so that a
 * cluster deleted and created again under the same name never inherits its predecessor's
 * expectations; records of deleted clusters are swept once they expire. An expectation is withdrawn
 * when the create or delete it announced fails: nothing will ever confirm it, and waiting for its
 * expiry would stall the cluster for the whole TTL (a ResourceQuota that refuses pods for a few
 * seconds, say).
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

    /** The create announced for {@code pod} failed: the cache will never show it, so stop waiting for it. */
    public void withdrawCreate(String cluster, String pod) {
        Outstanding outstanding = byCluster.get(cluster);
        if (outstanding != null) {
            outstanding.creates().remove(pod);
        }
    }

    /** The delete announced for {@code pod} failed: the pod stays, so stop waiting for it to go. */
    public void withdrawDelete(String cluster, String pod) {
        Outstanding outstanding = byCluster.get(cluster);
        if (outstanding != null) {
            outstanding.deletes().remove(pod);
        }
    }

    /**
     * Settles the expectations the cache now confirms.
     *
     * @param cached names of the cluster's pods in the cache that are not being deleted
     * @return whether the cache can be trusted for this cluster
     */
    public boolean satisfied(String cluster, Set<String> cached) {
        sweepExpired();
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

    /** Drops expired records, among them those of clusters deleted since: nothing asks about those again. */
    private void sweepExpired() {
        Instant now = clock.instant();
        byCluster.entrySet().removeIf(e -> !now.isBefore(e.getValue().since().plus(ttl)));
    }

    /** For tests and diagnostics: how many clusters have records. */
    public int trackedClusters() {
        return byCluster.size();
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

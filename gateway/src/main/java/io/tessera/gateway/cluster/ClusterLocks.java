package io.tessera.gateway.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises this gateway's own writes of one cluster (scale, adapt, the books' reconciliation):
 * concurrent {@code /scale} calls on one cluster queue here instead of racing each other's
 * optimistic-lock conflicts. Striped (a fixed number of fair locks chosen by the cluster's key),
 * so that memory never grows with the number of clusters. Correctness does not rest on it: the
 * ArrayCluster write is conditional on the resourceVersion read, and the books are settled by
 * compare-and-set, which also covers a second gateway replica.
 */
@ApplicationScoped
public class ClusterLocks {

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ClusterLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code work} while holding the lock of cluster {@code namespace/name}. */
    public <T> T with(String namespace, String name, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod((namespace + "/" + name).hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}

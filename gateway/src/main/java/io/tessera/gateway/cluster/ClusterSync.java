package io.tessera.gateway.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.ClusterEntity;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import io.tessera.gateway.quota.Resources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.gateway.kube.KubernetesSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps quota reservations in step with the ArrayClusters that exist. A watch (informer) releases
 * a reservation as soon as its ArrayCluster disappears, whatever removed it: the REST API,
 * {@code kubectl delete}, the idle culler, deletion of the namespace, garbage collection. A resync
 * at startup and then periodically releases ACTIVE reservations whose ArrayCluster does not exist
 * (deleted while the gateway was down), but only those older than the grace period, so that a
 * create whose ArrayCluster is not written yet keeps its reservation. Releases are idempotent.
 *
 * <p>The informer's cache also serves the cluster API's reads, so that listing and waiting do not
 * call the API server for every cluster.
 */
@ApplicationScoped
public class ClusterSync {

    @Inject
    KubernetesClient client;

    @Inject
    KubernetesSettings settings;

    @Inject
    AdmissionService admission;

    @Inject
    ClusterRecords records;

    @Inject
    Clock clock;

    @Inject
    ClusterScaling scaling;

    @Inject
    MeterRegistry registry;

    private final AtomicInteger drift = new AtomicInteger();
    private Counter corrections;
    private volatile SharedIndexInformer<ArrayCluster> informer;
    private ScheduledExecutorService resyncs;

    void onStart(@Observes StartupEvent event) {
        registry.gauge("tessera.gateway.books.drift.clusters", drift);
        corrections = registry.counter("tessera.gateway.books.corrections");
        if (!settings.enabled()) {
            return;
        }
        // Started without blocking: an API server that is down at startup must not stop the gateway.
        informer = client.resources(ArrayCluster.class).inAnyNamespace()
                .runnableInformer(settings.resyncInterval().toMillis());
        informer.addEventHandler(new Releaser());
        informer.start();
        resyncs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tessera-cluster-resync");
            thread.setDaemon(true);
            return thread;
        });
        // The first pass runs once the informer has listed everything, then at the interval.
        resyncs.scheduleWithFixedDelay(this::resyncSafely, 0, settings.resyncInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (resyncs != null) {
            resyncs.shutdownNow();
        }
        if (informer != null) {
            informer.close();
        }
    }

    /** The ArrayCluster as last seen by the watch, or read directly while the watch is not synced yet. */
    public Optional<ArrayCluster> find(String namespace, String name) {
        SharedIndexInformer<ArrayCluster> watching = informer;
        if (watching != null && watching.hasSynced()) {
            return Optional.ofNullable(watching.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
        }
        return Optional.ofNullable(client.resources(ArrayCluster.class).inNamespace(namespace).withName(name).get());
    }

    /**
     * Releases every ACTIVE reservation older than the grace period whose ArrayCluster does not
     * exist; returns how many. Existence is checked on the API server itself, not the cache. Then
     * reconciles the books: a reservation that differs from its ArrayCluster's footprint and has
     * not changed for the grace period (so no write admitted for it can still be in flight) is set
     * to the footprint, by compare-and-set on its version. The differences seen are published as
     * {@code tessera_gateway_books_drift_clusters}, corrections counted in
     * {@code tessera_gateway_books_corrections_total}: both stay 0 while the books are exact.
     */
    public int resync() {
        int released = 0;
        int drifted = 0;
        Instant settled = clock.instant().minus(settings.syncGrace());
        for (ClusterEntity row : records.activeCreatedBefore(settled)) {
            ArrayCluster cluster = client.resources(ArrayCluster.class).inNamespace(row.namespace).withName(row.name).get();
            if (cluster == null) {
                if (!heldByAdmittedRun(row) && admission.release(row.namespace, row.name)) {
                    Log.infof("released cluster %s/%s: its ArrayCluster no longer exists", row.namespace, row.name);
                    released++;
                }
                continue;
            }
            if (cluster.getSpec() == null || cluster.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            Resources spec = ArrayClusterFootprint.of(cluster.getSpec()).resources();
            if (spec.equals(row.reserved())) {
                continue;
            }
            drifted++;
            if (row.updatedAt.isBefore(settled) && scaling.settle(row.namespace, row.name, row.booksVersion)) {
                corrections.increment();
                Log.warnf("corrected the books of cluster %s/%s: reserved %s, its spec holds %s", row.namespace,
                        row.name, row.reserved(), spec);
            }
        }
        drift.set(drifted);
        return released;
    }

    private boolean heldByAdmittedRun(ClusterEntity row) {
        return QueuedRunHolds.holds(client.resources(ArrayJob.class).inNamespace(row.namespace).list().getItems(), row.name);
    }

    private void resyncSafely() {
        try {
            // Give the watch time to list everything first, so its cache can serve reads meanwhile.
            for (int i = 0; i < 600 && informer != null && !informer.hasSynced(); i++) {
                Thread.sleep(100);
            }
            resync();
        } catch (Exception e) {
            // Retried at the next interval; the watch keeps releasing meanwhile.
            Log.warnf(e, "cluster resync failed");
        }
    }

    /** Releases the reservation of every ArrayCluster that is deleted. */
    private final class Releaser implements ResourceEventHandler<ArrayCluster> {

        @Override
        public void onAdd(ArrayCluster cluster) {
        }

        @Override
        public void onUpdate(ArrayCluster before, ArrayCluster after) {
        }

        @Override
        public void onDelete(ArrayCluster cluster, boolean deletedFinalStateUnknown) {
            String namespace = cluster.getMetadata().getNamespace();
            String name = cluster.getMetadata().getName();
            try {
                if (admission.release(namespace, name)) {
                    Log.infof("released cluster %s/%s: its ArrayCluster was deleted", namespace, name);
                }
            } catch (RuntimeException e) {
                // The periodic resync releases it later.
                Log.warnf(e, "could not release cluster %s/%s after its deletion", namespace, name);
            }
        }
    }
}

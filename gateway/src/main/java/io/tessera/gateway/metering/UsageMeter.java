package io.tessera.gateway.metering;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tessera.api.Constants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches every Tessera pod ({@code app.kubernetes.io/managed-by=tessera}, all namespaces) and
 * keeps usage_interval in step: each pod event is one idempotent upsert from the pod's own
 * timestamps; a heartbeat marks the running pods as seen; intervals of pods that vanished
 * without a visible end (while no gateway watched) are closed at their last-seen time.
 *
 * <p>Several replicas may run this at once: every write is idempotent and keyed by pod UID, so
 * they converge on the same rows instead of electing a leader (docs/gateway.md).
 */
@ApplicationScoped
public class UsageMeter {

    @Inject
    KubernetesClient client;

    @Inject
    UsageIntervals intervals;

    @Inject
    MeteringConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private SharedIndexInformer<Pod> informer;
    private ScheduledExecutorService ticker;

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        } else {
            Log.info("usage metering is off (tessera.gateway.metering.enabled=false)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the informer without waiting for the API server; the first tick after sync reconciles. */
    public synchronized void start() {
        if (informer != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "usage-meter-heartbeat"));
        ScheduledExecutorService heartbeat = ticker;
        informer = client.pods().inAnyNamespace().withLabel(Constants.LABEL_MANAGED_BY, Constants.MANAGED_BY)
                .runnableInformer(config.resyncPeriod().toMillis());
        informer.addEventHandler(new Events(informer));
        // Keep retrying while the API server is unreachable instead of giving up on metering.
        informer.exceptionHandler((started, failure) -> {
            Log.warnf("pod informer: %s (retrying)", failure.getMessage());
            return true;
        });
        informer.start().whenComplete((ignored, failure) -> {
            if (failure == null && !heartbeat.isShutdown()) {
                Log.info("usage metering: pod cache synced, reconciling open intervals");
                // Completion arrives on an I/O thread, where no blocking database work may run.
                heartbeat.execute(this::tickSafely);
            }
        });
        long period = config.heartbeatPeriod().toMillis();
        heartbeat.scheduleWithFixedDelay(this::tickSafely, period, period, TimeUnit.MILLISECONDS);
        Log.infof("usage metering started (heartbeat %s, resync %s)", config.heartbeatPeriod(), config.resyncPeriod());
    }

    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        if (informer != null) {
            informer.stop();
            informer = null;
        }
    }

    /**
     * One heartbeat: the open intervals of running pods are marked as seen now, then those of
     * pods that are gone are closed at their last-seen time. Only with a synced cache: an empty
     * cache before the first list would make every pod look gone.
     */
    public synchronized void tick() {
        if (informer == null || !informer.hasSynced()) {
            return;
        }
        Instant now = clock.instant();
        List<Pod> pods = informer.getStore().list();
        List<String> running = pods.stream().map(pod -> PodUsage.of(pod, false)).flatMap(Optional::stream)
                .filter(PodUsage::running).map(PodUsage::uid).toList();
        List<String> visible = pods.stream().map(pod -> pod.getMetadata().getUid()).toList();
        intervals.heartbeat(running, now);
        int closed = intervals.closeGone(visible, now.minus(config.goneGrace()));
        if (closed > 0) {
            Log.infof("usage metering: closed %d interval(s) of vanished pods at their last-seen time", closed);
            registry.counter("tessera.gateway.metering.intervals.estimated").increment(closed);
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            Log.warnf("usage metering heartbeat failed (next one retries): %s", e.getMessage());
        }
    }

    /**
     * Records one pod event; failures are logged and repaired by the next resync.
     *
     * @param gone whether the pod has left the API server (a delete event)
     * @param finalState whether {@code pod} is its final state (false for a missed delete)
     */
    void observe(Pod pod, boolean gone, boolean finalState) {
        Optional<PodUsage> usage = PodUsage.of(pod, gone && finalState);
        if (usage.isEmpty() || gone && usage.get().running()) {
            // Not started, not ours, or gone without a known end: the heartbeat closes it by estimate.
            return;
        }
        try {
            switch (intervals.record(usage.get(), clock.instant())) {
                case UNKNOWN_CLUSTER -> {
                    Log.debugf("usage metering: pod %s belongs to no admitted cluster %s, skipped",
                            usage.get().describe(), usage.get().cluster());
                    registry.counter("tessera.gateway.metering.pods.skipped", "reason", "unknown_cluster").increment();
                }
                case CHANGED -> Log.debugf("usage metering: recorded pod %s", usage.get().describe());
                case UNCHANGED -> {
                    // A replay or resync: nothing to do.
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("usage metering: %s (the next resync retries)", e.getMessage());
        }
    }

    /**
     * Informer callbacks; a final state that is unknown (missed delete) is left to the heartbeat.
     * Events still in flight from a stopped informer are dropped (checked under the meter's lock,
     * which stop() takes too): once stop() returns, nothing is recorded until the next start().
     */
    private final class Events implements ResourceEventHandler<Pod> {

        private final SharedIndexInformer<Pod> source;

        Events(SharedIndexInformer<Pod> source) {
            this.source = source;
        }

        @Override
        public void onAdd(Pod pod) {
            observeIfCurrent(pod, false, true);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            observeIfCurrent(newPod, false, true);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            observeIfCurrent(pod, true, !finalStateUnknown);
        }

        private void observeIfCurrent(Pod pod, boolean gone, boolean finalState) {
            synchronized (UsageMeter.this) {
                if (informer == source) {
                    observe(pod, gone, finalState);
                }
            }
        }
    }
}

package io.tessera.gateway.queue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.gateway.admission.HeadroomFreed;
import io.tessera.gateway.webhook.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches ArrayJobs in every namespace and runs {@link QueuePass} for a namespace whenever one of
 * its runs appears, changes or goes, whenever quota frees up in its group ({@link HeadroomFreed}:
 * a release or a scale-down, from any path), and on a periodic resync. Passes run one at a time on
 * one thread, and a namespace already waiting for a pass is not queued twice. Several gateway
 * replicas may all run passes: every reservation is idempotent under the group lock.
 */
@ApplicationScoped
public class RunQueue {

    @Inject
    KubernetesClient client;

    @Inject
    WebhookConfig config;

    @Inject
    QueuePass pass;

    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService worker;
    private SharedIndexInformer<ArrayJob> informer;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "tessera-run-queue"));
        informer = client.resources(ArrayJob.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ArrayJob run) {
                schedule(run.getMetadata().getNamespace());
            }

            @Override
            public void onUpdate(ArrayJob old, ArrayJob run) {
                schedule(run.getMetadata().getNamespace());
            }

            @Override
            public void onDelete(ArrayJob run, boolean unknownFinalState) {
                schedule(run.getMetadata().getNamespace());
            }
        });
        long resync = config.queueResync().toMillis();
        worker.scheduleWithFixedDelay(this::resyncAll, resync, resync, TimeUnit.MILLISECONDS);
        Log.info("ArrayJob quota queue started");
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** Quota freed in a group (after the freeing transaction committed): its queue may move. */
    void onFreed(@Observes(during = TransactionPhase.AFTER_SUCCESS) HeadroomFreed freed) {
        if (worker != null) {
            schedule(freed.namespace());
        }
    }

    /** Asks for a pass over {@code namespace}'s queue soon. */
    public void schedule(String namespace) {
        if (pending.add(namespace)) {
            worker.execute(() -> {
                pending.remove(namespace);
                runPass(namespace);
            });
        }
    }

    private void resyncAll() {
        Set<String> namespaces = new TreeSet<>();
        informer.getStore().list().forEach(run -> namespaces.add(run.getMetadata().getNamespace()));
        namespaces.forEach(this::runPass);
    }

    private void runPass(String namespace) {
        try {
            pass.run(namespace, QueueOrder.waiting(informer.getStore().list(), namespace));
        } catch (RuntimeException e) {
            // The next event or resync tries again; a failed pass must not stop the worker thread.
            Log.errorf(e, "queue pass over namespace %s failed", namespace);
        }
    }
}

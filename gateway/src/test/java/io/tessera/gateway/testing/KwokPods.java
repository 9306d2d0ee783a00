package io.tessera.gateway.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.tessera.api.Constants;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pods on the local control plane's kwok nodes, labelled like the operator's: kwok marks them
 * Running with a startTime; a test "finishes" one by writing the terminated container state a
 * kubelet would write, and deletes it like the API server would.
 */
public final class KwokPods {

    private final KubernetesClient client;

    public KwokPods(KubernetesClient client) {
        this.client = client;
    }

    public String createNamespace(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("tessera.io/test", prefix).endMetadata().build()).create();
        return name;
    }

    public void deleteNamespace(String namespace) {
        client.namespaces().withName(namespace).delete();
    }

    /** Creates a pod of {@code cluster} with these limits (requests default to them) and waits until it started. */
    public Pod start(String namespace, String name, String cluster, String cpu, String memory, int gpus) {
        ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder()
                .addToLimits("cpu", new Quantity(cpu)).addToLimits("memory", new Quantity(memory));
        if (gpus > 0) {
            resources.addToLimits("nvidia.com/gpu", new Quantity(Integer.toString(gpus)));
        }
        Pod pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels(Constants.LABEL_MANAGED_BY, Constants.MANAGED_BY)
                .addToLabels(Constants.LABEL_CLUSTER, cluster).addToLabels(Constants.LABEL_COMPONENT, "worker")
                .endMetadata().withNewSpec().addNewContainer().withName("dask").withImage("tessera/worker:test")
                .withResources(resources.build()).endContainer()
                // kwok's GPU node is tainted like a real one would be; tolerate everything.
                .addNewToleration().withOperator("Exists").endToleration().endSpec().build();
        client.pods().inNamespace(namespace).resource(pod).create();
        return client.pods().inNamespace(namespace).withName(name).waitUntilCondition(
                p -> p != null && p.getStatus() != null && p.getStatus().getStartTime() != null, 60, TimeUnit.SECONDS);
    }

    /** Writes what a kubelet writes when the container exits: Succeeded, terminated at {@code finishedAt}. */
    public Pod finish(Pod pod, Instant finishedAt) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(p -> new PodBuilder(p).editStatus().withPhase("Succeeded")
                        .withContainerStatuses(new ContainerStatusBuilder().withName("dask")
                                .withImage("tessera/worker:test").withImageID("").withReady(false).withRestartCount(0)
                                .withNewState().withNewTerminated().withExitCode(0)
                                .withStartedAt(p.getStatus().getStartTime()).withFinishedAt(finishedAt.toString())
                                .endTerminated().endState().build())
                        .endStatus().build());
    }

    /** Deletes the pod and returns its final state, as the watch delivered it. */
    public Pod delete(Pod pod) throws Exception {
        CompletableFuture<Pod> gone = new CompletableFuture<>();
        var named = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName());
        try (Watch watch = named.watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod resource) {
                if (action == Action.DELETED) {
                    gone.complete(resource);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                if (cause != null) {
                    gone.completeExceptionally(cause);
                }
            }
        })) {
            named.delete();
            return gone.get(60, TimeUnit.SECONDS);
        }
    }

    /** Deletes the pod without waiting: for pods that vanish while no gateway watches. */
    public void deleteNow(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .withGracePeriod(0).delete();
    }

    /** The pod as the API server has it now. */
    public Pod get(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
    }

    public static Instant startTime(Pod pod) {
        return Instant.parse(pod.getStatus().getStartTime());
    }

    /** The end metering must derive from a deleted pod's final state without container ends. */
    public static Instant deletedAt(Pod finalState) {
        return Instant.parse(finalState.getMetadata().getDeletionTimestamp())
                .minusSeconds(finalState.getMetadata().getDeletionGracePeriodSeconds());
    }
}

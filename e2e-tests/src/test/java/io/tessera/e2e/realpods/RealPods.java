package io.tessera.e2e.realpods;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.e2e.support.Kubectl;

/**
 * What the real-pod journeys share: applying manifests with kubectl as a user would, reading the
 * Dask pods of a cluster, and the scheduler's address as seen from this machine (its Service's
 * ClusterIP, which kube-proxy routes from the host too).
 */
final class RealPods {

    /** Pod start on the real node takes seconds; this bounds waits that include one or two of them. */
    static final Duration POD_TIMEOUT = Duration.ofMinutes(2);
    static final String COMPONENT = "app.kubernetes.io/component";
    static final String CLUSTER = "tessera.io/cluster";

    private RealPods() {
    }

    static void apply(String namespace, String yaml) {
        try {
            Path file = Files.createTempFile("manifest", ".yaml");
            try {
                Files.writeString(file, yaml);
                Kubectl.run("apply", "-n", namespace, "-f", file.toString()).assertSuccess();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kubectl wait} for a condition of a Tessera resource, e.g. ("ac/demo", "Ready"). */
    static void waitFor(String namespace, String resource, String condition, Duration timeout) {
        Kubectl.run("wait", "-n", namespace, "--for=condition=" + condition, "--timeout=" + timeout.toSeconds() + "s",
                resource).assertSuccess();
    }

    /** The cluster's pods of one component (scheduler, worker, runner), newest last. */
    static List<Pod> pods(KubernetesClient client, String namespace, String cluster, String component) {
        return client.pods().inNamespace(namespace).withLabel(CLUSTER, cluster).withLabel(COMPONENT, component)
                .list().getItems().stream()
                .sorted((a, b) -> a.getMetadata().getCreationTimestamp().compareTo(b.getMetadata().getCreationTimestamp()))
                .toList();
    }

    static List<Pod> readyWorkers(KubernetesClient client, String namespace, String cluster) {
        return pods(client, namespace, cluster, "worker").stream().filter(RealPods::ready).toList();
    }

    static boolean ready(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Waits until the cluster has exactly {@code count} Ready worker pods and returns them. */
    static List<Pod> awaitReadyWorkers(KubernetesClient client, String namespace, String cluster, int count) {
        return Awaitility.await("%d ready workers of %s".formatted(count, cluster)).atMost(POD_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> readyWorkers(client, namespace, cluster), workers -> workers.size() == count);
    }

    /** The real node ran it: a kwok node never sets a container ID. */
    static void assertRanOnARealNode(Pod pod) {
        assertThat(pod.getStatus().getContainerStatuses()).as("container statuses of %s", pod.getMetadata().getName())
                .allSatisfy(s -> assertThat(s.getContainerID()).startsWith("containerd://"));
    }

    /** The scheduler's comm address from this machine: its Service's ClusterIP. */
    static String schedulerAddress(KubernetesClient client, String namespace, String cluster) {
        String ip = client.services().inNamespace(namespace).withName(cluster + "-scheduler").get().getSpec()
                .getClusterIP();
        return "tcp://" + ip + ":8786";
    }

    static String logs(String namespace, String pod) {
        return Kubectl.run("logs", "-n", namespace, pod).assertSuccess().stdout();
    }

    static <T> T await(String what, Duration timeout, java.util.concurrent.Callable<T> read, Predicate<T> done) {
        // A read may fail while the cluster recovers (a Dask client that cannot connect yet): poll on.
        return Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(read, done);
    }
}

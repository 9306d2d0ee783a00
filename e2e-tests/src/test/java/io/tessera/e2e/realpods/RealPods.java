package io.tessera.e2e.realpods;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.e2e.support.Kubectl;

/**
 * What the real-pod journeys share: applying manifests with kubectl as a user would, reading the
 * Dask pods of a cluster, and connecting to its scheduler from this machine (TLS to its Service's
 * ClusterIP, which kube-proxy routes from the host too, with the certificate of the cluster's Secret).
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

    /**
     * Python defining {@code connect()}: a Dask client of the cluster whose TLS address, certificate
     * and key are the script's {@code sys.argv[1:4]} ({@link #clientArgs}), presenting the cluster's
     * certificate and trusting only it, as the dask-gateway client does.
     */
    static final String CONNECT = """
            import sys
            from dask.distributed import Client
            from distributed.security import Security
            def connect(timeout=60):
                address, cert, key = sys.argv[1:4]
                return Client(address, timeout=timeout, security=Security(tls_ca_file=cert, tls_client_cert=cert,
                              tls_client_key=key, require_encryption=True))
            """;

    /** The ClusterIP of the cluster's scheduler Service, which kube-proxy routes from this machine too. */
    static String schedulerIp(KubernetesClient client, String namespace, String cluster) {
        return client.services().inNamespace(namespace).withName(cluster + "-scheduler").get().getSpec()
                .getClusterIP();
    }

    /** The scheduler's comm address from this machine: TLS to its Service's ClusterIP. */
    static String schedulerAddress(KubernetesClient client, String namespace, String cluster) {
        return "tls://" + schedulerIp(client, namespace, cluster) + ":8786";
    }

    /**
     * The arguments of a script using {@link #CONNECT}: the scheduler's address and the cluster's
     * certificate and key, read from its Secret {@code <cluster>-tls} into files only this user can
     * read (deleted when the JVM exits).
     */
    static String[] clientArgs(KubernetesClient client, String namespace, String cluster) {
        Secret secret = client.secrets().inNamespace(namespace).withName(cluster + "-tls").get();
        assertThat(secret).as("Secret %s-tls", cluster).isNotNull();
        try {
            Path dir = Files.createTempDirectory("tls-" + cluster, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path cert = dir.resolve("tls.crt");
            Path key = dir.resolve("tls.key");
            Files.write(cert, Base64.getDecoder().decode(secret.getData().get("tls.crt")));
            Files.write(key, Base64.getDecoder().decode(secret.getData().get("tls.key")));
            for (Path file : List.of(key, cert, dir)) {
                file.toFile().deleteOnExit();
            }
            return new String[] { schedulerAddress(client, namespace, cluster), cert.toString(), key.toString() };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

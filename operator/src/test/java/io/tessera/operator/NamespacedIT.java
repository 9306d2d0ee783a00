package io.tessera.operator;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Base of every operator integration test (the operator runs in-process): the operator's own
 * client and a fresh namespace per test (random suffix, deleted afterwards), so tests never see
 * each other's objects.
 */
public abstract class NamespacedIT {

    /** How long the operator and kwok get for any one observable step. */
    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    protected KubernetesClient client;

    protected String namespace;

    /** Prefix of the per-test namespace, naming the test class in `kubectl get ns`. */
    protected abstract String testNamespacePrefix();

    @BeforeEach
    void createNamespace() {
        namespace = testNamespacePrefix() + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
    }

    @AfterEach
    void deleteNamespace() {
        client.namespaces().withName(namespace).delete();
    }

    /** The Events recorded on the named object with the given reason. */
    protected List<Event> events(String involvedName, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    /**
     * Writes a pod status as a kubelet would report it. kwok writes the same status concurrently
     * (it may still be marking the pod Running), so a conflict re-reads the pod and applies the
     * change again instead of failing the test.
     */
    protected void reportPodStatus(String podName, UnaryOperator<Pod> change) {
        for (int attempt = 1;; attempt++) {
            try {
                client.pods().inNamespace(namespace).withName(podName).editStatus(change);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }
}

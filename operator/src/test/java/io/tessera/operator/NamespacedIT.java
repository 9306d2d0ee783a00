package io.tessera.operator;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

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
}

package io.tessera.operator.arraycluster;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.api.Constants;

/**
 * Base of the operator's integration tests: the operator's own client and a fresh namespace per
 * test (random suffix, deleted afterwards), so tests never see each other's pods.
 */
abstract class OperatorIT {

    /** How long the operator and kwok get for any one observable step. */
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    KubernetesClient client;

    String namespace;

    /** Prefix of the per-test namespace, naming the test class in `kubectl get ns`. */
    abstract String namespacePrefix();

    @BeforeEach
    void createNamespace() {
        namespace = namespacePrefix() + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
    }

    @AfterEach
    void deleteNamespace() {
        client.namespaces().withName(namespace).delete();
    }

    /** Worker pods that are not being deleted. */
    List<Pod> workers() {
        return client.pods().inNamespace(namespace).withLabel(Constants.LABEL_COMPONENT, "worker").list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    List<String> workerPods() {
        return workers().stream().map(Pod::getMetadata).map(ObjectMeta::getName).sorted().toList();
    }
}

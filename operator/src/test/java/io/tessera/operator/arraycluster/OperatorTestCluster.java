package io.tessera.operator.arraycluster;

import java.util.List;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.api.Constants;

/** Namespaces and worker-pod queries shared by the operator's integration tests. */
final class OperatorTestCluster {

    private OperatorTestCluster() {
    }

    /** A fresh namespace with a random suffix, so that tests never see each other's pods. */
    static String createNamespace(KubernetesClient client, String prefix) {
        String namespace = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        return namespace;
    }

    /** Worker pods that are not being deleted. */
    static List<Pod> workers(KubernetesClient client, String namespace) {
        return client.pods().inNamespace(namespace).withLabel(Constants.LABEL_COMPONENT, "worker").list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    static List<String> workerNames(KubernetesClient client, String namespace) {
        return workers(client, namespace).stream().map(Pod::getMetadata).map(ObjectMeta::getName).sorted().toList();
    }
}

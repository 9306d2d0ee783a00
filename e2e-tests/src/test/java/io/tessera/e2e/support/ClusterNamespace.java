package io.tessera.e2e.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * JUnit extension giving a test class a connected client, the current Tessera API installed, and
 * a fresh namespace that is deleted afterwards. Register it as a static field.
 */
public final class ClusterNamespace implements BeforeAllCallback, AfterAllCallback {

    private final String prefix;
    private KubernetesClient client;
    private String namespace;

    public ClusterNamespace(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        client = TestCluster.connect();
        TestCluster.installApi(client);
        namespace = TestCluster.createNamespace(client, prefix);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.namespaces().withName(namespace).delete();
            client.close();
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public String namespace() {
        return namespace;
    }
}

package io.tessera.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The operator's identity as installed: the ServiceAccount and least-privilege roles of
 * operator/rbac/, and a kubeconfig that authenticates with a token of that ServiceAccount, so an
 * operator started with it has exactly the permissions it would have in the cluster.
 */
public final class OperatorIdentity {

    public static final String NAMESPACE = "tessera-system";
    public static final String SERVICE_ACCOUNT = "tessera-operator";
    public static final String USER = "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT;

    private OperatorIdentity() {
    }

    /** Applies operator/rbac/operator-rbac.yaml (server-side, idempotent). */
    public static void install(KubernetesClient client) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .fieldManager("tessera-e2e").forceConflicts().serverSideApply();
        try (InputStream in = Files.newInputStream(TestCluster.repoDir().resolve("operator/rbac/operator-rbac.yaml"))) {
            for (HasMetadata item : client.load(in).items()) {
                client.resource(item).fieldManager("tessera-e2e").forceConflicts().serverSideApply();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a kubeconfig for the same API server that authenticates as the operator's ServiceAccount. */
    public static Path kubeconfig(KubernetesClient client, Path file) {
        String token = client.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config config = client.getConfiguration();
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: operator
                  context: {cluster: test, user: %s}
                current-context: operator
                """.formatted(config.getMasterUrl(), caData(config), SERVICE_ACCOUNT, token, SERVICE_ACCOUNT);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String caData(Config config) {
        if (config.getCaCertData() != null) {
            return config.getCaCertData();
        }
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster CA " + config.getCaCertFile(), e);
        }
    }
}

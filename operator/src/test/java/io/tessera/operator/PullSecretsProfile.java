package io.tessera.operator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The operator with image pull secrets: registry-mirror (the tests create it) and never-created
 * (never exists), read from {@value #OPERATOR_NAMESPACE}, the operator's namespace as out of
 * cluster (the lease namespace). Shared, so Quarkus starts the operator once for these tests.
 */
public class PullSecretsProfile implements QuarkusTestProfile {

    public static final String OPERATOR_NAMESPACE = "pull-secrets-operator";
    public static final String MIRROR = "registry-mirror";
    public static final String ABSENT = "never-created";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tessera.operator.image-pull-secrets", MIRROR + "," + ABSENT,
                "tessera.operator.leader-election.lease-namespace", OPERATOR_NAMESPACE);
    }

    /** Creates or replaces the source Secret (a dockerconfigjson) in the operator's namespace, creating that too. */
    public static void writeSource(KubernetesClient client, String dockerConfig) {
        if (client.namespaces().withName(OPERATOR_NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(OPERATOR_NAMESPACE)
                    .endMetadata().build()).create();
        }
        client.resource(new SecretBuilder().withNewMetadata().withName(MIRROR).withNamespace(OPERATOR_NAMESPACE)
                .endMetadata().withType("kubernetes.io/dockerconfigjson").withData(Map.of(".dockerconfigjson",
                        Base64.getEncoder().encodeToString(dockerConfig.getBytes(StandardCharsets.UTF_8))))
                .build()).serverSideApply();
    }
}

package io.tessera.operator.arraycluster.desired;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.tessera.operator.environment.EnvironmentContent;
import io.tessera.operator.environment.EnvironmentNames;
import io.tessera.operator.environment.EnvironmentSettings;

/**
 * The ConfigMap {@code tessera-env-<hash>}: the environment's spec file, which the build Job and
 * every pod running the environment read, and the operator's CA bundle for the build. No owner:
 * it is shared by every cluster of the namespace asking for that content.
 */
public final class EnvironmentConfigMapFactory {

    private EnvironmentConfigMapFactory() {
    }

    public static ConfigMap desired(String namespace, EnvironmentContent content, Optional<String> group,
            EnvironmentSettings settings) {
        Map<String, String> data = new TreeMap<>();
        data.put(content.specKey(), content.specFile());
        settings.caBundle().ifPresent(ca -> data.put(EnvironmentNames.CA_KEY, ca));
        String hash = content.hash();
        return new ConfigMapBuilder().withNewMetadata().withName(EnvironmentNames.build(hash)).withNamespace(namespace)
                .withLabels(EnvironmentNames.buildLabels(hash, group)).endMetadata()
                .withData(data).build();
    }
}

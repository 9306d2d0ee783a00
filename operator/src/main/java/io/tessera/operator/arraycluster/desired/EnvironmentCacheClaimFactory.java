package io.tessera.operator.arraycluster.desired;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.tessera.operator.environment.EnvironmentNames;
import io.tessera.operator.environment.EnvironmentSettings;

/**
 * The namespace's environment cache {@value EnvironmentNames#CACHE_CLAIM}. A claim because it is
 * the only shared-storage volume the "restricted" Pod Security Standard lets the group's pods
 * mount; one per namespace because a build runs the code of the packages it installs, so one
 * group's build must never write what another group runs. No owner: it outlives every cluster.
 */
public final class EnvironmentCacheClaimFactory {

    private EnvironmentCacheClaimFactory() {
    }

    public static PersistentVolumeClaim desired(String namespace, Optional<String> group, EnvironmentSettings settings) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(EnvironmentNames.CACHE_CLAIM)
                .withNamespace(namespace).withLabels(EnvironmentNames.cacheLabels(group)).endMetadata()
                .withNewSpec().withAccessModes(settings.accessMode())
                .withStorageClassName(settings.storageClass().orElse(null))
                .withNewResources().withRequests(Map.of("storage", new Quantity(settings.cacheSize()))).endResources()
                .endSpec().build();
    }
}

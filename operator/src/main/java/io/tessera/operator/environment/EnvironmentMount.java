package io.tessera.operator.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * How a pod gets one built environment: the ConfigMap {@code tessera-env-<hash>} with the spec
 * file at {@value EnvironmentNames#SPEC_DIR} and the namespace's cache claim at
 * {@value EnvironmentNames#CACHE_DIR}, named by {@code TESSERA_ENV_SPEC} and
 * {@code TESSERA_ENV_CACHE}. The entrypoint finds the published environment under the cache and
 * activates it. Only the build Job writes the cache; every other pod mounts it read-only, so a
 * task cannot change what the next cluster runs.
 *
 * @param hash the content hash ({@link EnvironmentContent#hash()})
 * @param specKey the spec file's key in the ConfigMap ({@link EnvironmentContent#specKey()})
 */
public record EnvironmentMount(String hash, String specKey) {

    public static EnvironmentMount of(EnvironmentContent content) {
        return new EnvironmentMount(content.hash(), content.specKey());
    }

    /** The spec with both volumes and, in {@code mainContainer}, their mounts and variables; a copy. */
    public PodSpec apply(PodSpec spec, String mainContainer, boolean readOnlyCache) {
        PodSpec pod = new PodSpecBuilder(spec).build();
        List<Volume> volumes = new ArrayList<>(Optional.ofNullable(pod.getVolumes()).orElse(List.of()));
        volumes.removeIf(v -> Set.of(EnvironmentNames.SPEC_VOLUME, EnvironmentNames.CACHE_VOLUME).contains(v.getName()));
        volumes.add(new VolumeBuilder().withName(EnvironmentNames.SPEC_VOLUME).withNewConfigMap()
                .withName(EnvironmentNames.build(hash)).endConfigMap().build());
        volumes.add(new VolumeBuilder().withName(EnvironmentNames.CACHE_VOLUME).withNewPersistentVolumeClaim()
                .withClaimName(EnvironmentNames.CACHE_CLAIM).withReadOnly(readOnlyCache ? true : null)
                .endPersistentVolumeClaim().build());
        pod.setVolumes(volumes);
        for (Container container : pod.getContainers()) {
            if (mainContainer.equals(container.getName())) {
                container.setVolumeMounts(mounts(container, readOnlyCache));
                container.setEnv(env(container));
            }
        }
        return pod;
    }

    /** The spec file's path inside the pod. */
    public String specPath() {
        return EnvironmentNames.SPEC_DIR + "/" + specKey;
    }

    private List<VolumeMount> mounts(Container container, boolean readOnlyCache) {
        List<VolumeMount> mounts = new ArrayList<>(Optional.ofNullable(container.getVolumeMounts()).orElse(List.of()));
        Set<String> ours = Set.of(EnvironmentNames.SPEC_VOLUME, EnvironmentNames.CACHE_VOLUME,
                EnvironmentNames.SPEC_DIR, EnvironmentNames.CACHE_DIR);
        mounts.removeIf(m -> ours.contains(m.getName()) || ours.contains(m.getMountPath()));
        mounts.add(new VolumeMountBuilder().withName(EnvironmentNames.SPEC_VOLUME)
                .withMountPath(EnvironmentNames.SPEC_DIR).withReadOnly(true).build());
        mounts.add(new VolumeMountBuilder().withName(EnvironmentNames.CACHE_VOLUME)
                .withMountPath(EnvironmentNames.CACHE_DIR).withReadOnly(readOnlyCache ? true : null).build());
        return mounts;
    }

    /** The container's variables with ours replacing any of the same name. */
    private List<EnvVar> env(Container container) {
        List<EnvVar> env = new ArrayList<>(Optional.ofNullable(container.getEnv()).orElse(List.of()));
        env.removeIf(e -> EnvironmentNames.ENV_SPEC.equals(e.getName()) || EnvironmentNames.ENV_CACHE.equals(e.getName()));
        env.add(new EnvVarBuilder().withName(EnvironmentNames.ENV_SPEC).withValue(specPath()).build());
        env.add(new EnvVarBuilder().withName(EnvironmentNames.ENV_CACHE).withValue(EnvironmentNames.CACHE_DIR).build());
        return env;
    }
}

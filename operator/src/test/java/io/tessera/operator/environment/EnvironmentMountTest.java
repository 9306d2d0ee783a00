package io.tessera.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;

class EnvironmentMountTest {

    private static final EnvironmentMount MOUNT = new EnvironmentMount("0123456789ab", "environment.json");

    @Test
    void shouldMountTheCacheReadOnlyInTheMainContainerOnly() {
        PodSpec spec = new PodSpecBuilder().addNewContainer().withName("worker").addNewEnv().withName("TESSERA_ENV_SPEC")
                .withValue("user's").endEnv().endContainer().addNewContainer().withName("sidecar").endContainer().build();

        PodSpec pod = MOUNT.apply(spec, "worker", true);

        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).singleElement().satisfies(v -> {
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("tessera-environments");
            assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
        });
        assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null).singleElement()
                .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("tessera-env-0123456789ab"));
        assertThat(pod.getContainers().get(0).getVolumeMounts()).allSatisfy(m -> assertThat(m.getReadOnly()).isTrue())
                .extracting("mountPath").containsExactly("/etc/tessera/environment", "/var/cache/tessera/envs");
        assertThat(pod.getContainers().get(0).getEnv()).extracting("name", "value").containsExactly(
                org.assertj.core.groups.Tuple.tuple("TESSERA_ENV_SPEC", "/etc/tessera/environment/environment.json"),
                org.assertj.core.groups.Tuple.tuple("TESSERA_ENV_CACHE", "/var/cache/tessera/envs"));
        assertThat(pod.getContainers().get(1).getVolumeMounts()).isEmpty();
        assertThat(spec.getVolumes()).as("the argument is not changed").isEmpty();
    }

    @Test
    void shouldLetOnlyTheBuildWriteTheCache() {
        PodSpec pod = MOUNT.apply(new PodSpecBuilder().addNewContainer().withName("build").endContainer().build(),
                "build", false);

        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .filteredOn(m -> m.getMountPath().equals("/var/cache/tessera/envs"))
                .singleElement().satisfies(m -> assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE));
    }
}

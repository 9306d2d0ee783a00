package io.tessera.operator.arraycluster.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobBuilder;
import io.tessera.operator.arrayjob.desired.RunMetadata;
import io.tessera.operator.arrayjob.desired.RunnerJobFactory;

/**
 * What tessera.operator.pod-security does to the scheduler, worker and runner pods: "restricted"
 * fills in the fields the restricted Pod Security Standard needs on the pod and on every container
 * (the template's sidecars and init containers included), the template's own values win, and
 * "none" adds nothing.
 */
class PodSecurityTest {

    private static final String IMAGE = "tessera/worker:test";
    /** Volume types the "restricted" Pod Security Standard allows (Kubernetes docs, "Volume Types"). */
    private static final Set<String> RESTRICTED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private enum Kind {
        SCHEDULER, WORKER, RUNNER
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void shouldFillTheRestrictedFieldsOnThePodAndEveryContainer(Kind kind) {
        PodSpec pod = desired(kind, sidecarAndInitContainer(), PodSecurity.RESTRICTED);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getSecurityContext().getRunAsUser()).as("the image's numeric user is kept").isNull();
        assertThat(allContainers(pod)).extracting(Container::getName)
                .containsExactlyInAnyOrder(main(kind), "log-shipper", "fetch-data");
        assertThat(allContainers(pod)).allSatisfy(c -> {
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
            assertThat(c.getSecurityContext().getCapabilities().getAdd()).as(c.getName()).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void shouldKeepTheTemplatesOwnSecurityValues(Kind kind) {
        PodTemplateSpec template = Serialization.unmarshal("""
                spec:
                  securityContext:
                    runAsNonRoot: false
                    runAsUser: 0
                    seccompProfile: {type: Localhost, localhostProfile: profiles/dask.json}
                  containers:
                    - name: %s
                      securityContext:
                        allowPrivilegeEscalation: true
                        capabilities: {add: [SYS_PTRACE], drop: [NET_RAW]}
                    - name: log-shipper
                      image: registry.example.org/tools/shipper:1
                      securityContext:
                        capabilities: {add: [NET_BIND_SERVICE]}
                """.formatted(main(kind)), PodTemplateSpec.class);

        PodSpec pod = desired(kind, template, PodSecurity.RESTRICTED);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsUser()).isZero();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("Localhost");
        assertThat(pod.getSecurityContext().getSeccompProfile().getLocalhostProfile()).isEqualTo("profiles/dask.json");
        Container mainContainer = container(pod, main(kind));
        assertThat(mainContainer.getSecurityContext().getAllowPrivilegeEscalation()).isTrue();
        assertThat(mainContainer.getSecurityContext().getCapabilities().getAdd()).containsExactly("SYS_PTRACE");
        assertThat(mainContainer.getSecurityContext().getCapabilities().getDrop()).containsExactly("NET_RAW");
        // Only what the sidecar left unset is filled; its added capability stays.
        Container sidecar = container(pod, "log-shipper");
        assertThat(sidecar.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(sidecar.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
        assertThat(sidecar.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void shouldAddNothingButTheTlsKeysGroupWithNone(Kind kind) {
        PodSpec plain = desired(kind, null, PodSecurity.NONE);
        assertThat(plain.getSecurityContext()).as("only the group that makes the TLS key readable")
                .isEqualTo(new PodSecurityContextBuilder().withFsGroup(ClusterTls.FS_GROUP)
                        .withFsGroupChangePolicy("OnRootMismatch").build());
        assertThat(allContainers(plain)).allSatisfy(c -> assertThat(c.getSecurityContext()).as(c.getName()).isNull());

        PodTemplateSpec template = new PodTemplateSpecBuilder(sidecarAndInitContainer()).editSpec()
                .withNewSecurityContext().withFsGroup(1000L).endSecurityContext().endSpec().build();
        PodSpec templated = desired(kind, template, PodSecurity.NONE);
        assertThat(templated.getSecurityContext()).as("the template's, unchanged")
                .isEqualTo(template.getSpec().getSecurityContext());
        assertThat(container(templated, "log-shipper").getSecurityContext())
                .isEqualTo(template.getSpec().getContainers().get(0).getSecurityContext());
        assertThat(container(templated, main(kind)).getSecurityContext()).isNull();
    }

    @Test
    void shouldNotChangeTheSpecItIsGiven() {
        PodSpec spec = sidecarAndInitContainer().getSpec();
        String before = Serialization.asYaml(spec);

        PodSecurity.RESTRICTED.apply(spec);

        assertThat(Serialization.asYaml(spec)).isEqualTo(before);
    }

    @Test
    void shouldAddOnlyVolumesTheRestrictedStandardAllows() {
        // Every pod gets the cluster's TLS Secret; the runner also its script's ConfigMap.
        for (Kind kind : Kind.values()) {
            PodSpec pod = desired(kind, null, PodSecurity.RESTRICTED);
            assertThat(pod.getVolumes()).as(kind.name()).isNotEmpty().allSatisfy(v -> assertThat(volumeType(v))
                    .as(v.getName()).isIn(RESTRICTED_VOLUME_TYPES));
        }
        assertThat(desired(Kind.RUNNER, null, PodSecurity.RESTRICTED).getVolumes()).extracting(v -> volumeType(v))
                .containsExactly("secret", "configMap");
    }

    private static PodSpec desired(Kind kind, PodTemplateSpec template, PodSecurity security) {
        ArrayCluster cluster = new ArrayClusterBuilder().withNewMetadata().withName("secure").withNamespace("tessera-a")
                .withUid("uid-secure").endMetadata().withNewSpec()
                .withNewScheduler().withTemplate(template).endScheduler()
                .withNewWorker().withReplicas(1).withTemplate(template).endWorker().endSpec().build();
        return switch (kind) {
            case SCHEDULER -> SchedulerPodFactory.desired(cluster, IMAGE, security).getSpec();
            case WORKER -> WorkerPodFactory.desired(cluster, WorkerGroup.of(cluster.getSpec()).get(0), "secure-default-x",
                    IMAGE, security).getSpec();
            case RUNNER -> {
                ArrayJob run = new ArrayJobBuilder().withNewMetadata().withName("nightly").withNamespace("tessera-a")
                        .withUid("uid-nightly").endMetadata().withNewSpec().withNewRunner()
                        .withNewScript().withInline("print(1)").endScript().withTemplate(template).endRunner()
                        .endSpec().build();
                yield RunnerJobFactory.desired(run, new RunMetadata("tls://x:8786", "2026-03-01T03:00:00Z",
                        RunMetadata.DIRECT), IMAGE, security, true).getSpec().getTemplate().getSpec();
            }
        };
    }

    /** A template with a sidecar and an init container that set no security context. */
    private static PodTemplateSpec sidecarAndInitContainer() {
        return new PodTemplateSpecBuilder().withNewSpec()
                .withContainers(new ContainerBuilder().withName("log-shipper").withImage("registry.example.org/shipper:1")
                        .withSecurityContext(new SecurityContextBuilder().withReadOnlyRootFilesystem(true).build())
                        .build())
                .withInitContainers(new ContainerBuilder().withName("fetch-data").withImage("registry.example.org/fetch:1")
                        .build())
                .endSpec().build();
    }

    private static String main(Kind kind) {
        return switch (kind) {
            case SCHEDULER -> SchedulerPodFactory.CONTAINER;
            case WORKER -> WorkerPodFactory.CONTAINER;
            case RUNNER -> RunnerJobFactory.CONTAINER;
        };
    }

    private static List<Container> allContainers(PodSpec pod) {
        return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
    }

    private static Container container(PodSpec pod, String name) {
        return allContainers(pod).stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow();
    }

    /** The one volume source a volume sets, by its field name in the API. */
    @SuppressWarnings("unchecked")
    private static String volumeType(Volume volume) {
        return ((Map<String, Object>) Serialization.jsonMapper().convertValue(volume, Map.class))
                .keySet().stream().filter(k -> !"name".equals(k)).findFirst().orElseThrow();
    }
}

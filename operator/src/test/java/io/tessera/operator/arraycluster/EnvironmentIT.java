package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpecBuilder;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.api.v1alpha1.common.Condition;

/**
 * The operator in-process against the local control plane: {@code spec.environment} is built once
 * per content hash by a Job before any pod of the cluster, whose pods then mount it read-only; a
 * failed build, conda without a conda tool and a missing lockfile are reported and keep the pods
 * away. Simulated nodes run no build (and the cache claim stays unbound without a provisioner), so
 * the tests write the build Job's status and its pod's termination message as the Job controller
 * and the kubelet would.
 */
@QuarkusTest
class EnvironmentIT extends OperatorIT {

    private static final String ENVIRONMENT_READY = "EnvironmentReady";

    @Override
    String namespacePrefix() {
        return "env";
    }

    @Inject
    MeterRegistry registry;

    @Test
    void shouldStartNoPodBeforeTheBuildCompletedThenMountItReadOnlyAndReuseTheBuild() {
        double buildsBefore = buildsStarted();
        create("first", new EnvironmentSpecBuilder().withPip(List.of("s3fs==2025.3.0", "zarr")).build());
        await().atMost(TIMEOUT).until(() -> buildJobs().size() == 1);
        Job job = buildJobs().get(0);
        String hash = job.getMetadata().getLabels().get("tessera.io/environment");
        assertThat(job.getMetadata().getName()).isEqualTo("tessera-env-" + hash);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("first", ENVIRONMENT_READY))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("Building")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(daskPods()).as("no pod while the build runs").isEmpty());
        PersistentVolumeClaim cache = client.persistentVolumeClaims().inNamespace(namespace)
                .withName("tessera-environments").get();
        assertThat(cache.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        ConfigMap spec = client.configMaps().inNamespace(namespace).withName("tessera-env-" + hash).get();
        assertThat(spec.getData()).containsEntry("environment.json", "{\"pip\":[\"s3fs==2025.3.0\",\"zarr\"]}");

        complete(job.getMetadata().getName(), Duration.ofSeconds(14));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("first", ENVIRONMENT_READY)).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("True");
                assertThat(c.getReason()).isEqualTo("Built");
                assertThat(c.getMessage()).isEqualTo("environment " + hash + " built in 14 s by Job tessera-env-"
                        + hash + " (pip: 2 packages)");
            });
            assertThat(daskPods()).hasSize(2);
        });
        for (Pod pod : daskPods()) {
            assertMountsEnvironmentReadOnly(pod, hash);
        }
        assertThat(events("first", "EnvironmentBuilt")).singleElement();

        // Same content in another order: the same build, no second Job.
        create("second", new EnvironmentSpecBuilder().withPip(List.of("zarr", "s3fs==2025.3.0", "zarr")).build());
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("second", ENVIRONMENT_READY)).hasValueSatisfying(c ->
                    assertThat(c.getReason()).isEqualTo("Built"));
            assertThat(client.pods().inNamespace(namespace).withName("second-scheduler").get()).isNotNull();
        });
        assertMountsEnvironmentReadOnly(client.pods().inNamespace(namespace).withName("second-scheduler").get(), hash);
        assertThat(buildJobs()).singleElement().satisfies(j -> assertThat(j.getMetadata().getUid())
                .isEqualTo(job.getMetadata().getUid()));
        assertThat(events("first", "EnvironmentBuildStarted")).singleElement();
        assertThat(events("second", "EnvironmentBuildStarted")).isEmpty();
        assertThat(buildsStarted() - buildsBefore).as("tessera_environment_builds_started_total").isEqualTo(1);
    }

    private double buildsStarted() {
        Counter counter = registry.find("tessera.environment.builds.started").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldFailWithTheInstallersMessageAndBuildAgainOnceTheJobIsDeleted() {
        create("broken", new EnvironmentSpecBuilder().withPip(List.of("nosuchpkg")).build());
        await().atMost(TIMEOUT).until(() -> buildJobs().size() == 1 && !buildPods().isEmpty());
        Job job = buildJobs().get(0);
        String name = job.getMetadata().getName();
        String installer = "  × No solution found when resolving dependencies:\n  ╰─▶ Because nosuchpkg was not found "
                + "in the package registry and you require nosuchpkg, we can conclude that your requirements are "
                + "unsatisfiable.";
        reportPodStatus(buildPods().get(0).getMetadata().getName(), pod -> {
            pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("build").withImage("x")
                    .withImageID("").withReady(false).withRestartCount(0).withNewState().withNewTerminated()
                    .withExitCode(1).withReason("Error").withMessage(installer).endTerminated().endState().build()));
            return pod;
        });

        fail(name);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("broken", ENVIRONMENT_READY)).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("BuildFailed");
                assertThat(c.getMessage()).contains("Because nosuchpkg was not found")
                        .endsWith("delete Job " + name + " or change spec.environment");
            });
            assertThat(phase("broken")).isEqualTo(ArrayClusterPhase.Failed);
            assertThat(condition("broken", "Ready")).hasValueSatisfying(c ->
                    assertThat(c.getReason()).isEqualTo("BuildFailed"));
        });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(daskPods()).isEmpty();
            assertThat(events("broken", "EnvironmentBuildFailed")).singleElement()
                    .satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
        });

        client.batch().v1().jobs().inNamespace(namespace).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(buildJobs()).singleElement().satisfies(j -> assertThat(j.getMetadata().getUid())
                    .isNotEqualTo(job.getMetadata().getUid()));
            assertThat(condition("broken", ENVIRONMENT_READY)).hasValueSatisfying(c ->
                    assertThat(c.getReason()).isEqualTo("Building"));
            assertThat(phase("broken")).isNotEqualTo(ArrayClusterPhase.Failed);
        });
    }

    @Test
    void shouldRefuseCondaWhenTheImageHasNoCondaTool() {
        create("conda", new EnvironmentSpecBuilder().withConda(List.of("xarray=2025.1")).build());

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("conda", ENVIRONMENT_READY)).hasValueSatisfying(c -> {
                assertThat(c.getReason()).isEqualTo("CondaUnavailable");
                assertThat(c.getMessage()).contains("no conda tool").contains("spec.environment.pip");
            });
            assertThat(phase("conda")).isEqualTo(ArrayClusterPhase.Failed);
        });
        assertThat(buildJobs()).isEmpty();
        assertThat(daskPods()).isEmpty();
    }

    @Test
    void shouldReportAMissingLockfileAndBuildOnceItExists() {
        create("locked", new EnvironmentSpecBuilder().withNewLockfile().withName("locks").withKey("lock")
                .endLockfile().build());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("locked", ENVIRONMENT_READY))
                .hasValueSatisfying(c -> {
                    assertThat(c.getReason()).isEqualTo("LockfileNotFound");
                    assertThat(c.getMessage()).contains("ConfigMap locks does not exist");
                }));
        assertThat(buildJobs()).isEmpty();
        assertThat(phase("locked")).isNotEqualTo(ArrayClusterPhase.Failed);

        client.resource(new ConfigMapBuilder().withNewMetadata().withName("locks").withNamespace(namespace)
                .endMetadata().withData(Map.of("lock", "s3fs==2025.3.0\n")).build()).create();

        // Nothing announces the ConfigMap: the operator looks again after 10 s.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("locked", ENVIRONMENT_READY)).hasValueSatisfying(c ->
                    assertThat(c.getReason()).isEqualTo("Building"));
            assertThat(buildJobs()).singleElement();
        });
        String hash = buildJobs().get(0).getMetadata().getLabels().get("tessera.io/environment");
        assertThat(client.configMaps().inNamespace(namespace).withName("tessera-env-" + hash).get().getData())
                .containsEntry("requirements.txt", "s3fs==2025.3.0\n");
    }

    private void assertMountsEnvironmentReadOnly(Pod pod, String hash) {
        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName)
                .contains("tessera-environment", "tessera-environments");
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getConfigMap() != null
                && v.getConfigMap().getName().equals("tessera-env-" + hash)).hasSize(1);
        assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
                .filteredOn(m -> m.getMountPath().startsWith("/var/cache/tessera/envs")
                        || m.getMountPath().startsWith("/etc/tessera/environment"))
                .hasSize(2).allSatisfy(m -> assertThat(m.getReadOnly()).as(m.getMountPath()).isTrue())
                .extracting(VolumeMount::getName).containsExactlyInAnyOrder("tessera-environment", "tessera-environments");
        assertThat(pod.getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                        .isEqualTo("TESSERA_ENV_SPEC=/etc/tessera/environment/environment.json"))
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                        .isEqualTo("TESSERA_ENV_CACHE=/var/cache/tessera/envs"));
    }

    private void create(String name, EnvironmentSpec environment) {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withEnvironment(environment).withNewWorker().withReplicas(1).endWorker().endSpec().build())
                .create();
    }

    /** Scheduler and worker pods of any cluster of the namespace. */
    private List<Pod> daskPods() {
        return client.pods().inNamespace(namespace).withLabel(Constants.LABEL_NAME, "dask").list().getItems();
    }

    private List<Job> buildJobs() {
        return client.batch().v1().jobs().inNamespace(namespace)
                .withLabel(Constants.LABEL_COMPONENT, "environment-build").list().getItems();
    }

    private List<Pod> buildPods() {
        return client.pods().inNamespace(namespace).withLabel("batch.kubernetes.io/job-name").list().getItems();
    }

    /** The status the Job controller writes when the build pod succeeded, {@code took} after the Job started. */
    private void complete(String job, Duration took) {
        await().atMost(TIMEOUT).until(() -> jobStatus(job).getStartTime() != null);
        // The start time is the Job controller's and cannot be changed.
        Instant end = Instant.parse(jobStatus(job).getStartTime()).plus(took);
        patchJobStatus(job, "{\"active\":0,\"ready\":0,\"succeeded\":1,\"completionTime\":\"" + end
                + "\",\"conditions\":[" + condition("SuccessCriteriaMet", "CompletionsReached",
                        "Reached expected number of succeeded pods", end) + ","
                + condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", end) + "]}");
    }

    private io.fabric8.kubernetes.api.model.batch.v1.JobStatus jobStatus(String job) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(job).get().getStatus();
    }

    /** The status the Job controller writes when the build pod failed (backoffLimit 0). */
    private void fail(String job) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String message = "Job has reached the specified backoff limit";
        patchJobStatus(job, "{\"active\":0,\"ready\":0,\"failed\":1,\"conditions\":[" + condition("FailureTarget",
                "BackoffLimitExceeded", message, end) + "," + condition("Failed", "BackoffLimitExceeded", message, end)
                + "]}");
    }

    private void patchJobStatus(String job, String statusJson) {
        client.batch().v1().jobs().inNamespace(namespace).withName(job).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + statusJson + "}");
    }

    private static String condition(String type, String reason, String message, Instant at) {
        return "{\"type\":\"" + type + "\",\"status\":\"" + Condition.TRUE + "\",\"reason\":\"" + reason
                + "\",\"message\":\"" + message + "\",\"lastTransitionTime\":\"" + at + "\"}";
    }
}

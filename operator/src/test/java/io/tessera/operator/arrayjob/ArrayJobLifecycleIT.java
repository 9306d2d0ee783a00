package io.tessera.operator.arrayjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpecBuilder;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerRecovery;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.spec.CleanupAction;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.operator.BatchIT;
import io.tessera.operator.arrayjob.desired.ArrayJobNames;

/**
 * ArrayJobs on the real control plane: the Job controller runs the runner, kwok plays its pods,
 * garbage collection removes what a run owned.
 */
@QuarkusTest
class ArrayJobLifecycleIT extends BatchIT {

    @Override
    protected String testNamespacePrefix() {
        return "arrayjob";
    }

    @Test
    void shouldRunToSucceededThenDeleteTheClusterAndOnDeletionEverything() {
        createArrayJob("daily", jobSpec().editRunner().withCommand((List<String>) null).withNewScript()
                .withInline("print('hello from the runner')").endScript().endRunner().build());
        String cluster = ArrayJobNames.cluster("daily");

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ArrayJobStatus status = arrayJob("daily").getStatus();
            assertThat(status.getPhase()).isEqualTo(ArrayJobPhase.Succeeded);
            assertThat(status.getAttempts()).isEqualTo(1);
            assertThat(status.getClusterName()).isEqualTo(cluster);
            assertThat(status.getStartTime()).isNotNull();
            assertThat(status.getCompletionTime()).isNotNull();
            assertThat(runCondition("daily", "Complete")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            assertThat(events("daily", "RunnerStarted")).hasSize(1);
            assertThat(events("daily", "Succeeded")).hasSize(1);
            // cleanup.onSuccess defaults to Delete
            assertThat(events("daily", "ClusterDeleted")).hasSize(1);
            assertThat(client.resources(ArrayCluster.class).inNamespace(namespace).withName(cluster).get()).isNull();
        });
        Job job = runnerJob("daily");
        Map<String, String> env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null).collect(java.util.stream.Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertThat(env).containsEntry("DASK_SCHEDULER_ADDRESS", "tls://" + cluster + "-scheduler." + namespace + ".svc:8786")
                .containsEntry("TESSERA_RUN_NAME", "daily").containsEntry("TESSERA_RUN_TRIGGER", "Direct")
                .containsKey("TESSERA_RUN_SCHEDULED_TIME").containsEntry("TESSERA_RUN_MAX_ATTEMPTS", "1");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("runner", "--", "python", "/tessera/script/script.py");
        assertThat(client.configMaps().inNamespace(namespace).withName("daily-script").get().getData())
                .containsEntry("script.py", "print('hello from the runner')");

        client.resource(arrayJob("daily")).delete();

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(runnerJob("daily")).isNull();
            assertThat(client.configMaps().inNamespace(namespace).withName("daily-script").get()).isNull();
        });
    }

    @Test
    void shouldFailWhenTheClusterIsNotReadyInTimeWithoutEverStartingTheRunner() {
        // No simulated node has 500 CPUs: the scheduler stays Pending, the runner Job suspended. The
        // deadline leaves the cluster time to get its address, which the Job needs, on a busy machine.
        createArrayJob("starved", jobSpec().withCluster(new ArrayClusterSpecBuilder().withNewScheduler()
                .withResources(new ResourceRequirementsBuilder().addToLimits("cpu", new Quantity("500")).build())
                .endScheduler().withNewWorker().withReplicas(0).endWorker().build())
                .withProvisioningDeadlineSeconds(15L).withNewCleanup().withOnFailure(CleanupAction.Keep).endCleanup()
                .build());

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(runnerJob("starved")).isNotNull();
            assertThat(runnerJob("starved").getSpec().getSuspend()).isTrue();
        });
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ArrayJobStatus status = arrayJob("starved").getStatus();
            assertThat(status.getPhase()).isEqualTo(ArrayJobPhase.Failed);
            assertThat(status.getFailureReason()).isEqualTo("ProvisioningDeadlineExceeded");
            assertThat(runCondition("starved", "Failed")).hasValueSatisfying(
                    c -> assertThat(c.getReason()).isEqualTo("ProvisioningDeadlineExceeded"));
            assertThat(events("starved", "ProvisioningDeadlineExceeded")).singleElement()
                    .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
        });
        assertThat(runnerJob("starved").getSpec().getSuspend()).as("the runner never ran").isTrue();
        assertThat(runnerPods("starved")).isEmpty();
        assertThat(client.resources(ArrayCluster.class).inNamespace(namespace).withName(ArrayJobNames.cluster("starved"))
                .get()).as("cleanup.onFailure Keep").isNotNull();
    }

    @Test
    void shouldFailWithThePodFailurePolicyReasonThenCleanUpOnSchedule() {
        createArrayJob("flaky", jobSpec().editRunner().withTemplate(stuckRunner()).endRunner()
                .withBackoffLimit(2)
                .withPodFailurePolicy(new PodFailurePolicyBuilder().addNewRule().withAction("FailJob")
                        .withNewOnExitCodes().withOperator("In").withValues(3).endOnExitCodes().endRule().build())
                .withNewCleanup().withOnFailure(CleanupAction.KeepFor).withKeepFor("10s").endCleanup()
                .withTtlSecondsAfterFinished(30).build());
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(runnerPods("flaky")).hasSize(1));

        failPod(runnerPods("flaky").get(0), 3);

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ArrayJobStatus status = arrayJob("flaky").getStatus();
            assertThat(status.getPhase()).isEqualTo(ArrayJobPhase.Failed);
            assertThat(status.getFailureReason()).as("the Job's own reason, despite backoffLimit 2").isEqualTo("PodFailurePolicy");
            assertThat(status.getAttempts()).isEqualTo(1);
        });
        assertThat(client.resources(ArrayCluster.class).inNamespace(namespace).withName(ArrayJobNames.cluster("flaky"))
                .get()).as("kept for 10s").isNotNull();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.resources(ArrayCluster.class)
                .inNamespace(namespace).withName(ArrayJobNames.cluster("flaky")).get()).isNull());
        assertThat(arrayJob("flaky")).as("the TTL (30s) has not passed yet").isNotNull();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(arrayJob("flaky")).isNull();
            assertThat(runnerJob("flaky")).isNull();
        });
    }

    @Test
    void shouldTellEachRetryItsAttemptAndFailOnceTheRetriesAreSpent() {
        createArrayJob("retried", jobSpec().editRunner().withTemplate(stuckRunner()).endRunner().withBackoffLimit(1)
                .build());
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(runnerPods("retried")).hasSize(1));
        Pod first = runnerPods("retried").get(0);
        assertThat(first.getSpec().getContainers().get(0).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("TESSERA_RUN_PREVIOUS_FAILURES");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.annotations['batch.kubernetes.io/job-index-failure-count']");
        });

        failPod(first, 1);

        // The Job controller's retry carries the count of earlier failures the runner turns into attempt 2.
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            Pod retry = runnerPods("retried").stream()
                    .filter(p -> !p.getMetadata().getName().equals(first.getMetadata().getName())).findFirst().orElseThrow();
            assertThat(retry.getMetadata().getAnnotations()).containsEntry("batch.kubernetes.io/job-index-failure-count", "1");
            assertThat(arrayJob("retried").getStatus().getAttempts()).isEqualTo(2);
        });
        Pod retry = runnerPods("retried").stream().filter(p -> !p.getMetadata().getName().equals(
                first.getMetadata().getName())).findFirst().orElseThrow();

        failPod(retry, 1);

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ArrayJobStatus status = arrayJob("retried").getStatus();
            assertThat(status.getPhase()).isEqualTo(ArrayJobPhase.Failed);
            assertThat(status.getFailureReason()).isEqualTo("FailedIndexes");
        });
    }

    @Test
    void shouldFailWhenTheClusterFailsAndStopTheRunner() {
        createArrayJob("fragile", jobSpec().withCluster(new ArrayClusterSpecBuilder().withNewWorker().withReplicas(0)
                .endWorker().withNewFaultTolerance().withSchedulerRecovery(SchedulerRecovery.Fail).endFaultTolerance()
                .build()).editRunner().withTemplate(stuckRunner()).endRunner().build());
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(arrayJob("fragile").getStatus().getPhase())
                .isEqualTo(ArrayJobPhase.Running));

        client.pods().inNamespace(namespace).withName(ArrayJobNames.cluster("fragile") + "-scheduler").withGracePeriod(0)
                .delete();

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ArrayJobStatus status = arrayJob("fragile").getStatus();
            assertThat(status.getPhase()).isEqualTo(ArrayJobPhase.Failed);
            assertThat(status.getFailureReason()).isEqualTo("ClusterFailed");
            assertThat(status.getFailureMessage()).contains("SchedulerFailed");
            assertThat(runnerJob("fragile").getSpec().getSuspend()).as("runner stopped").isTrue();
        });
    }

    @Test
    void shouldFailWithTheEnvironmentsMessageWhenItsClusterCannotHaveIt() {
        createArrayJob("conda", jobSpec().withCluster(new ArrayClusterSpecBuilder().withNewEnvironment()
                .withConda(List.of("xarray=2025.1")).endEnvironment().build()).build());

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ArrayJobStatus status = arrayJob("conda").getStatus();
            assertThat(status.getPhase()).isEqualTo(ArrayJobPhase.Failed);
            assertThat(status.getFailureReason()).isEqualTo("CondaUnavailable");
            assertThat(status.getFailureMessage()).contains("no conda tool").contains("spec.environment.pip");
        });
        assertThat(client.batch().v1().jobs().inNamespace(namespace).list().getItems()).as("no build, no runner")
                .isEmpty();
    }

    /** What a kubelet reports for a container that exited with {@code exitCode}. */
    private void failPod(Pod pod, int exitCode) {
        reportPodStatus(pod.getMetadata().getName(), p -> {
            p.getStatus().setPhase("Failed");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("runner")
                    .withImage(p.getSpec().getContainers().get(0).getImage()).withImageID("").withReady(false)
                    .withRestartCount(0).withNewState().withNewTerminated().withExitCode(exitCode).withReason("Error")
                    .endTerminated().endState().build()));
            return p;
        });
    }
}

package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerRecovery;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;

/**
 * Failure handling on the real control plane: provisioning timeout, scheduler recovery within a
 * restart budget, a pod template the API server rejects, failed workers replaced; each with its
 * condition, Warning event and metric.
 */
@QuarkusTest
class ArrayClusterLifecycleIT extends OperatorIT {

    @TestHTTPResource("/q/metrics")
    URI metricsUrl;

    @Override
    String namespacePrefix() {
        return "lifecycle";
    }

    @Test
    void shouldFailAfterTheProvisioningTimeoutAndRecoverWhenTheSpecIsFixed() {
        // No simulated node has 500 CPUs: the scheduler pod stays Pending.
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("huge").withNamespace(namespace).endMetadata()
                .withNewSpec().withNewScheduler().withResources(new ResourceRequirementsBuilder()
                        .addToLimits("cpu", new Quantity("500")).build()).endScheduler().withNewWorker().withReplicas(1).endWorker()
                .withNewLifecycle().withProvisioningTimeout("3s").endLifecycle().endSpec().build()).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(phase("huge")).isEqualTo(ArrayClusterPhase.Failed);
            assertThat(condition("huge", "Ready")).hasValueSatisfying(c -> {
                assertThat(c.getReason()).isEqualTo("ProvisioningTimeout");
                assertThat(c.getMessage()).contains("provisioningTimeout");
            });
            assertThat(events("huge", "ProvisioningTimeout")).singleElement()
                    .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
            assertThat(client.pods().inNamespace(namespace).list().getItems()).as("a failed cluster holds nothing")
                    .allMatch(p -> p.getMetadata().getDeletionTimestamp() != null);
        });

        // The fix also lifts the 3 s timeout, which would otherwise race the recreated pod on a busy machine.
        patchSpec("huge", "{\"scheduler\":{\"resources\":{\"limits\":{\"cpu\":\"1\"}}},"
                + "\"lifecycle\":{\"provisioningTimeout\":\"10m\"}}");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("huge", "Ready"))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True")));
    }

    @Test
    void shouldRecreateALostSchedulerUntilTheRestartBudgetIsSpent() {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("fragile").withNamespace(namespace)
                .endMetadata().withNewSpec().withNewWorker().withReplicas(1).endWorker()
                .withNewFaultTolerance().withSchedulerRecovery(SchedulerRecovery.Recreate).withSchedulerRestartLimit(1)
                .endFaultTolerance().endSpec().build()).create();
        awaitReady("fragile");
        String firstUid = scheduler("fragile").getMetadata().getUid();

        failScheduler("fragile");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(cluster("fragile").getStatus().getSchedulerRestarts()).isEqualTo(1);
            // Between the failed pod's deletion and its replacement there is no scheduler pod.
            assertThat(scheduler("fragile")).isNotNull().extracting(p -> p.getMetadata().getUid()).isNotEqualTo(firstUid);
            assertThat(condition("fragile", "Ready")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            assertThat(events("fragile", "SchedulerRestarted")).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains("restart 1 of 1"));
        });

        failScheduler("fragile");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(phase("fragile")).isEqualTo(ArrayClusterPhase.Failed);
            assertThat(condition("fragile", "Ready")).hasValueSatisfying(
                    c -> assertThat(c.getReason()).isEqualTo("SchedulerRestartLimitExceeded"));
        });
    }

    @Test
    void shouldFailAtOnceUnderTheFailPolicy() {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("strict").withNamespace(namespace)
                .endMetadata().withNewSpec().withNewWorker().withReplicas(0).endWorker()
                .withNewFaultTolerance().withSchedulerRecovery(SchedulerRecovery.Fail).endFaultTolerance().endSpec()
                .build()).create();
        awaitReady("strict");

        client.resource(scheduler("strict")).withGracePeriod(0).delete();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("strict", "Ready")).hasValueSatisfying(
                c -> assertThat(c.getReason()).isEqualTo("SchedulerFailed")));
    }

    @Test
    void shouldReportARejectedPodTemplateOnceAndKeepServingOtherClusters() {
        // A mount of a volume the pod does not declare: valid for the CRD (open template), refused by the API server.
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("broken").withNamespace(namespace)
                .endMetadata().withNewSpec().withNewWorker().withReplicas(1).withTemplate(new PodTemplateSpecBuilder()
                        .withNewSpec().addNewContainer().withName("worker").addNewVolumeMount().withName("nowhere")
                        .withMountPath("/data").endVolumeMount().endContainer().endSpec().build())
                .endWorker().endSpec().build()).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("broken", "Ready")).hasValueSatisfying(c -> {
                assertThat(c.getReason()).isEqualTo("InvalidPodTemplate");
                assertThat(c.getMessage()).contains("nowhere");
            });
            assertThat(condition("broken", "Degraded")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            assertThat(events("broken", "InvalidPodTemplate")).hasSize(1);
        });
        // No crash loop: the failure is terminal until the spec changes, so the event is not repeated.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(events("broken", "InvalidPodTemplate")).singleElement()
                        .extracting(Event::getCount).isEqualTo(1));

        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("fine").withNamespace(namespace).endMetadata()
                .withNewSpec().withNewWorker().withReplicas(1).endWorker().endSpec().build()).create();
        awaitReady("fine");
    }

    @Test
    void shouldReplaceAFailedWorkerAndCountItInTheMetrics() throws Exception {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("steady").withNamespace(namespace)
                .endMetadata().withNewSpec().withNewWorker().withReplicas(2).endWorker().endSpec().build()).create();
        awaitReady("steady");
        // Ready means the scheduler is; the victim must be Running too, or kwok may overwrite its Failed.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(cluster("steady").getStatus().getReadyWorkers())
                .isEqualTo(2));
        Pod victim = workers().get(0);

        reportPodStatus(victim.getMetadata().getName(),
                p -> new PodBuilder(p).editStatus().withPhase("Failed").withReason("Evicted").endStatus().build());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(workers()).hasSize(2)
                .noneMatch(p -> p.getMetadata().getName().equals(victim.getMetadata().getName())));
        // The deletion counter moves after the delete call returns, so scrape until it shows.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(metricsUrl).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("tessera_workers_created_total").contains("tessera_clusters{phase=\"Running\"}")
                .contains("tessera_workers_deleted_total{reason=\"finished\"}")
                .contains("tessera_cluster_time_to_ready_seconds_count"));
    }

    private void awaitReady(String name) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(name, "Ready"))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True")));
    }

    private Pod scheduler(String cluster) {
        return client.pods().inNamespace(namespace).withName(cluster + "-scheduler").get();
    }

    /** The scheduler process dies: its pod ends Failed, as the kubelet would report it. */
    private void failScheduler(String cluster) {
        reportPodStatus(cluster + "-scheduler",
                p -> new PodBuilder(p).editStatus().withPhase("Failed").withReason("Error").endStatus().build());
    }
}

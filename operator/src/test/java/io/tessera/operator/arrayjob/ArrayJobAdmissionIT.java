package io.tessera.operator.arrayjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobConditions;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.operator.BatchIT;
import io.tessera.operator.arrayjob.desired.ArrayJobNames;

/**
 * The quota gate on the real control plane: in a namespace labelled with a quota group, a run
 * creates nothing until the gateway's annotations admit it, and shows the queue's message meanwhile.
 */
@QuarkusTest
class ArrayJobAdmissionIT extends BatchIT {

    @Override
    protected String testNamespacePrefix() {
        return "admission";
    }

    @Test
    void shouldWaitQueuedUntilAdmittedThenRun() {
        client.namespaces().withName(namespace).edit(ns -> {
            ns.getMetadata().setLabels(Map.of(Constants.LABEL_GROUP, "physics"));
            return ns;
        });
        createArrayJob("waiting", jobSpec().build());
        String cluster = ArrayJobNames.cluster("waiting");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(runPhase("waiting")).isEqualTo(ArrayJobPhase.Queued);
            assertThat(runCondition("waiting", ArrayJobConditions.ADMITTED)).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("Pending");
            });
        });
        annotate("waiting", Map.of(ArrayJobAdmission.ANNOTATION_ADMITTED, "false",
                ArrayJobAdmission.ANNOTATION_REASON, ArrayJobAdmission.REASON_QUOTA_EXCEEDED,
                ArrayJobAdmission.ANNOTATION_MESSAGE, "queued at position 1 of 1 in group physics: cores 1 requested, 0 of 4 left"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(runCondition("waiting", ArrayJobConditions.ADMITTED))
                .hasValueSatisfying(c -> {
                    assertThat(c.getReason()).isEqualTo("QuotaExceeded");
                    assertThat(c.getMessage()).contains("position 1 of 1");
                }));
        // Still nothing created: a queued run holds no cluster, and no start time counts toward its deadline.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.resources(ArrayCluster.class).inNamespace(namespace).withName(cluster).get()).isNull();
            assertThat(arrayJob("waiting").getStatus().getStartTime()).isNull();
        });

        annotate("waiting", Map.of(ArrayJobAdmission.ANNOTATION_ADMITTED, "true",
                ArrayJobAdmission.ANNOTATION_REASON, ArrayJobAdmission.REASON_ADMITTED,
                ArrayJobAdmission.ANNOTATION_MESSAGE, "admitted in group physics"));
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(runPhase("waiting")).isEqualTo(ArrayJobPhase.Succeeded);
            assertThat(runCondition("waiting", ArrayJobConditions.ADMITTED)).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("True");
                assertThat(c.getMessage()).isEqualTo("admitted in group physics");
            });
        });
    }

    @Test
    void shouldRunAtOnceWhereQuotaIsNotManaged() {
        createArrayJob("free", jobSpec().build());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(runPhase("free")).isEqualTo(ArrayJobPhase.Succeeded));
        assertThat(runCondition("free", ArrayJobConditions.ADMITTED)).isEmpty();
    }

    private void annotate(String run, Map<String, String> annotations) {
        StringBuilder json = new StringBuilder("{\"metadata\":{\"annotations\":{");
        annotations.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v).append("\","));
        json.setLength(json.length() - 1);
        json.append("}}}");
        client.resources(ArrayJob.class).inNamespace(namespace).withName(run)
                .patch(PatchContext.of(PatchType.JSON_MERGE), json.toString());
    }
}

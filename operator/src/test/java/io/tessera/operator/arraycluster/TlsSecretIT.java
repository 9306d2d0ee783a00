package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.operator.arraycluster.desired.OwnerReferences;
import io.tessera.operator.arraycluster.tls.CredentialsCheck;

/**
 * The operator in-process against the local control plane: each ArrayCluster's TLS Secret exists
 * before its pods, is the cluster's own and goes with it; a Secret of that name that is someone
 * else's, or does not parse, is left alone, reported, and holds the pods back.
 */
@QuarkusTest
class TlsSecretIT extends OperatorIT {

    @Override
    String namespacePrefix() {
        return "tls";
    }

    @Test
    void shouldCreateTheSecretBeforeThePodsNeverReissueItAndLetItGoWithTheCluster() {
        create("secured", false);
        await().atMost(TIMEOUT).until(() -> scheduler("secured") != null && workers().size() == 1);

        ArrayCluster cluster = cluster("secured");
        Secret secret = secret("secured-tls");
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(CredentialsCheck.problem(secret.getData())).isEmpty();
        assertThat(secret.getMetadata().getLabels()).containsEntry("tessera.io/cluster", "secured");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo(cluster.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
        });
        Pod scheduler = scheduler("secured");
        assertThat(Instant.parse(secret.getMetadata().getCreationTimestamp()))
                .isBeforeOrEqualTo(Instant.parse(scheduler.getMetadata().getCreationTimestamp()));
        assertThat(scheduler.getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getSecret().getSecretName())
                .isEqualTo("secured-tls"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("secured", "TLSSecretReady")).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("True");
                assertThat(c.getReason()).isEqualTo("SecretReady");
            });
            assertThat(cluster("secured").getStatus().getSchedulerAddress())
                    .isEqualTo("tls://secured-scheduler." + namespace + ".svc:8786");
            assertThat(cluster("secured").getStatus().getDashboardUrl())
                    .isEqualTo("http://secured-scheduler." + namespace + ".svc:8787/clusters/secured/status");
        });
        assertThat(events("secured", "TLSSecretCreated")).singleElement();

        // More passes (a scale-up) never re-issue the credentials the pods already hold.
        patchSpec("secured", "{\"worker\":{\"replicas\":3}}");
        await().atMost(TIMEOUT).until(() -> workers().size() == 3);
        assertThat(secret("secured-tls").getData()).isEqualTo(secret.getData());
        assertThat(secret("secured-tls").getMetadata().getResourceVersion())
                .isEqualTo(secret.getMetadata().getResourceVersion());

        client.resources(ArrayCluster.class).inNamespace(namespace).withName("secured").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(secret("secured-tls")).as("garbage-collected").isNull());
    }

    @Test
    void shouldLeaveSomeoneElsesSecretAloneAndHoldThePodsBackUntilItIsGone() {
        Secret foreign = client.resource(new SecretBuilder().withNewMetadata().withName("blocked-tls")
                .withNamespace(namespace).endMetadata().withStringData(Map.of("password", "hunter2")).build()).create();
        create("blocked", false);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("blocked", "TLSSecretReady")).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("NameConflict");
                assertThat(c.getMessage()).contains("blocked-tls", "not made by Tessera");
            });
            assertThat(events("blocked", "TLSSecretConflict")).singleElement();
        });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.pods().inNamespace(namespace).list().getItems()).as("no pod without credentials").isEmpty();
            assertThat(secret("blocked-tls").getMetadata().getResourceVersion()).as("left alone")
                    .isEqualTo(foreign.getMetadata().getResourceVersion());
        });

        client.resource(foreign).delete();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(scheduler("blocked")).isNotNull();
            assertThat(CredentialsCheck.problem(secret("blocked-tls").getData())).isEmpty();
            assertThat(condition("blocked", "TLSSecretReady")).hasValueSatisfying(c -> assertThat(c.getStatus())
                    .isEqualTo("True"));
        });
    }

    @Test
    void shouldReportItsOwnSecretThatDoesNotParseWithoutRepeatingItsContent() {
        create("broken", true); // suspended: the operator makes no Secret yet
        ArrayCluster cluster = cluster("broken");
        client.resource(new SecretBuilder().withNewMetadata().withName("broken-tls").withNamespace(namespace)
                .withOwnerReferences(OwnerReferences.controller(cluster)).endMetadata().withType("kubernetes.io/tls")
                .withStringData(Map.of("tls.crt", "garbage-certificate", "tls.key", "garbage-key",
                        "ca.crt", "garbage-ca")).build()).create();

        patchSpec("broken", "{\"suspend\":false}");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("broken", "TLSSecretReady")).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("SecretInvalid");
                assertThat(c.getMessage()).contains("tls.crt is not a PEM certificate").doesNotContain("garbage");
            });
            assertThat(events("broken", "TLSSecretInvalid")).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("garbage"));
        });
        assertThat(client.pods().inNamespace(namespace).list().getItems()).isEmpty();
    }

    private void create(String name, boolean suspended) {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withSuspend(suspended).withNewWorker().withReplicas(1).endWorker().endSpec().build())
                .create();
    }

    private Secret secret(String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private Pod scheduler(String cluster) {
        return client.pods().inNamespace(namespace).withName(cluster + "-scheduler").get();
    }
}

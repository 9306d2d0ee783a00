package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.operator.arraycluster.desired.NetworkPolicyDrift;
import io.tessera.operator.arraycluster.desired.NetworkPolicyFactory;

/**
 * The operator in-process against the local control plane: every ArrayCluster gets its
 * NetworkPolicy, accepted by the real API server's validation (kwok does not enforce policies; the
 * rules' meaning is unit-tested in NetworkPolicyFactoryTest), put back after someone edits or deletes
 * it, and garbage-collected with the cluster.
 */
@QuarkusTest
class NetworkPolicyIT extends OperatorIT {

    /** The default of tessera.operator.network-policy.allowed-namespaces, which the tests keep. */
    static final List<String> ALLOWED = List.of("tessera-system");

    @Override
    String namespacePrefix() {
        return "netpol";
    }

    @Test
    void shouldIsolateEachClusterRestoreEditsAndGoWithTheCluster() {
        create(client, namespace, "guarded");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(drift("guarded")).isEmpty());
        NetworkPolicy first = policy("guarded");
        assertThat(first.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(cluster("guarded").getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
        // Settled: the cluster's own pod and status events do not re-apply an unchanged policy.
        await().atMost(TIMEOUT).until(() -> !workers().isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                policy("guarded").getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion()));

        // Someone opens the cluster to every source ([{}]: one rule without peers) and unlabels it.
        client.network().v1().networkPolicies().inNamespace(namespace).withName("guarded-isolation")
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"tessera.io/cluster\":\"someone-else\"}},\"spec\":{\"ingress\":[{}]}}");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(drift("guarded")).isEmpty());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("guarded", "NetworkPolicyUpdated"))
                .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("guarded-isolation", "spec",
                        "label tessera.io/cluster")));

        client.resource(policy("guarded")).delete();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(policy("guarded")).isNotNull();
            assertThat(policy("guarded").getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
            assertThat(drift("guarded")).isEmpty();
        });

        client.resources(ArrayCluster.class).inNamespace(namespace).withName("guarded").delete();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(policy("guarded")).isNull());
    }

    @Test
    void shouldGiveEveryClusterItsOwnPolicy() {
        create(client, namespace, "one");
        create(client, namespace, "two");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(drift("one")).isEmpty();
            assertThat(drift("two")).isEmpty();
        });
        assertThat(policy("two").getSpec().getPodSelector().getMatchLabels())
                .containsEntry(Constants.LABEL_CLUSTER, "two");
    }

    static void create(io.fabric8.kubernetes.client.KubernetesClient client, String namespace, String name) {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(Constants.LABEL_GROUP, "physics").endMetadata()
                .withNewSpec().withNewWorker().withReplicas(1).endWorker().endSpec().build()).create();
    }

    private NetworkPolicy policy(String cluster) {
        return client.network().v1().networkPolicies().inNamespace(namespace).withName(cluster + "-isolation").get();
    }

    /** What differs between the policy the API server has and the desired one; "missing" before it exists. */
    private String drift(String cluster) {
        NetworkPolicy actual = policy(cluster);
        if (actual == null) {
            return "missing";
        }
        return NetworkPolicyDrift.between(NetworkPolicyFactory.desired(cluster(cluster), ALLOWED), actual).orElse("");
    }
}

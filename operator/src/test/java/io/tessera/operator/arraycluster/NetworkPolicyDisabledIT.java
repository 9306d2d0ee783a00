package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.desired.NetworkPolicyFactory;

/**
 * With tessera.operator.network-policy.enabled=false a cluster gets no policy, and a policy the
 * operator created while the setting was on (same name, the cluster as controller) is deleted, while
 * a policy someone else made with Tessera's labels stays.
 */
@QuarkusTest
@TestProfile(NetworkPolicyDisabledIT.Disabled.class)
class NetworkPolicyDisabledIT extends OperatorIT {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tessera.operator.network-policy.enabled", "false");
        }
    }

    @Override
    String namespacePrefix() {
        return "netpol-off";
    }

    @Test
    void shouldDeleteOnlyThePolicyTheOperatorCreated() {
        NetworkPolicyIT.create(client, namespace, "open");
        await().atMost(TIMEOUT).until(() -> !workers().isEmpty());
        assertThat(client.network().v1().networkPolicies().inNamespace(namespace).list().getItems())
                .as("no policy while the setting is off").isEmpty();
        // Left over from when the setting was on, and one of the namespace's own that carries the same
        // labels (so the operator's informer sees it) but no owner reference.
        NetworkPolicy leftOver = NetworkPolicyFactory.desired(cluster("open"), NetworkPolicyIT.ALLOWED);
        NetworkPolicy own = new NetworkPolicyBuilder(leftOver).editMetadata().withName("team-policy")
                .withOwnerReferences().endMetadata().build();
        client.resource(own).create();
        client.resource(leftOver).create();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.network().v1().networkPolicies()
                .inNamespace(namespace).withName(ClusterNames.networkPolicy("open")).get()).isNull());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("open", "NetworkPolicyRemoved")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("open-isolation",
                        "tessera.operator.network-policy.enabled is false")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                client.network().v1().networkPolicies().inNamespace(namespace).withName("team-policy").get())
                .as("a policy the operator did not create").isNotNull());
    }
}

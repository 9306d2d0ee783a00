package io.tessera.operator.arraycluster.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;

/** When the operator re-applies a cluster's NetworkPolicy: on drift in what it owns, never on what others add. */
class NetworkPolicyDriftTest {

    private static final ArrayCluster DEMO = new ArrayClusterBuilder().withNewMetadata().withName("demo")
            .withNamespace("team-a").withUid("uid-demo").addToLabels("tessera.io/group", "physics").endMetadata()
            .withNewSpec().endSpec().build();
    private static final NetworkPolicy DESIRED = NetworkPolicyFactory.desired(DEMO, List.of("tessera-system"));

    @Test
    void shouldSeeNoDriftInThePolicyAsTheApiServerReturnsIt() {
        // What a GET returns: the same JSON plus server fields, another manager's label and annotation.
        NetworkPolicy returned = new NetworkPolicyBuilder(roundTrip(DESIRED)).editMetadata()
                .withResourceVersion("42").withGeneration(1L).withCreationTimestamp("2026-03-01T00:00:00Z")
                .addToLabels("team", "physics").addToAnnotations("note", "kept").endMetadata().build();

        assertThat(NetworkPolicyDrift.between(DESIRED, returned)).isEmpty();
    }

    @Test
    void shouldSeeAnEditedSpec() {
        NetworkPolicy opened = new NetworkPolicyBuilder(roundTrip(DESIRED)).editSpec().withIngress(List.of())
                .endSpec().build();
        NetworkPolicy widened = new NetworkPolicyBuilder(roundTrip(DESIRED)).editSpec().editPodSelector()
                .withMatchExpressions(List.of()).endPodSelector().endSpec().build();

        assertThat(NetworkPolicyDrift.between(DESIRED, opened)).contains("spec");
        assertThat(NetworkPolicyDrift.between(DESIRED, widened)).contains("spec");
    }

    @Test
    void shouldSeeAChangedOrRemovedLabelOfItsOwn() {
        NetworkPolicy relabelled = new NetworkPolicyBuilder(roundTrip(DESIRED)).editMetadata()
                .addToLabels("tessera.io/cluster", "other").removeFromLabels("tessera.io/group").endMetadata().build();

        assertThat(NetworkPolicyDrift.between(DESIRED, relabelled))
                .contains("label tessera.io/cluster, label tessera.io/group");
    }

    @Test
    void shouldSeeALostOwnerReferenceAndTellWhoControlsAPolicy() {
        NetworkPolicy orphan = new NetworkPolicyBuilder(roundTrip(DESIRED)).editMetadata()
                .withOwnerReferences(List.of()).endMetadata().build();

        assertThat(NetworkPolicyDrift.between(DESIRED, orphan)).contains("owner reference");
        assertThat(NetworkPolicyDrift.controlledBy(DESIRED, "uid-demo")).isTrue();
        assertThat(NetworkPolicyDrift.controlledBy(DESIRED, "uid-other")).isFalse();
        assertThat(NetworkPolicyDrift.controlledBy(orphan, "uid-demo")).isFalse();
    }

    private static NetworkPolicy roundTrip(NetworkPolicy policy) {
        return Serialization.unmarshal(Serialization.asJson(policy), NetworkPolicy.class);
    }
}

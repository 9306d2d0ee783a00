package io.tessera.operator.arraycluster.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;

/** What the cluster's TLS Secret carries (the contract the gateway reads), and which Secret counts as the cluster's. */
class TlsSecretFactoryTest {

    private static final ArrayCluster CLUSTER = new ArrayClusterBuilder().withNewMetadata().withName("demo")
            .withNamespace("team").withUid("uid-1").withLabels(Map.of("tessera.io/group", "physics")).endMetadata()
            .withNewSpec().endSpec().build();
    private static final ClusterCredentials CREDENTIALS = ClusterCertificateIssuer.issue("demo", Instant.now());

    @Test
    void shouldHoldTheCertificateAsItsOwnCaWithTheClusterLabelsAndOwner() {
        Secret secret = TlsSecretFactory.desired(CLUSTER, CREDENTIALS);

        assertThat(secret.getMetadata().getName()).isEqualTo("demo-tls");
        assertThat(secret.getMetadata().getNamespace()).isEqualTo("team");
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
        assertThat(secret.getData().get("ca.crt")).isEqualTo(secret.getData().get("tls.crt"));
        assertThat(CredentialsCheck.problem(secret.getData())).isEmpty();
        assertThat(secret.getMetadata().getLabels()).containsEntry("tessera.io/cluster", "demo")
                .containsEntry("app.kubernetes.io/managed-by", "tessera").containsEntry("tessera.io/group", "physics")
                .containsEntry("app.kubernetes.io/component", "tls");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("ArrayCluster");
            assertThat(owner.getUid()).isEqualTo("uid-1");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(TlsSecretFactory.ownedBy(secret, CLUSTER)).isTrue();
    }

    @Test
    void shouldNotTakeASecretOfAnotherOwnerOrOfAnEarlierClusterOfTheSameName() {
        Secret foreign = new SecretBuilder().withNewMetadata().withName("demo-tls").endMetadata().build();
        Secret earlier = new SecretBuilder(TlsSecretFactory.desired(CLUSTER, CREDENTIALS)).editMetadata()
                .withOwnerReferences(new OwnerReferenceBuilder().withKind("ArrayCluster").withName("demo")
                        .withUid("uid-0").withController(true).build()).endMetadata().build();

        assertThat(TlsSecretFactory.ownedBy(foreign, CLUSTER)).isFalse();
        assertThat(TlsSecretFactory.ownedByEarlierCluster(foreign, CLUSTER)).isFalse();
        assertThat(TlsSecretFactory.ownedBy(earlier, CLUSTER)).isFalse();
        assertThat(TlsSecretFactory.ownedByEarlierCluster(earlier, CLUSTER)).isTrue();
    }
}

package io.tessera.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.gateway.testing.ClusterTlsSecrets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsSecretTest {

    private static final ClusterCredentials CREDENTIALS = ClusterTlsSecrets.credentials("physics-0123456789");

    private static ArrayCluster cluster(String uid) {
        ArrayCluster cluster = new ArrayCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName("physics-0123456789").withNamespace("tessera-physics")
                .withUid(uid).build());
        return cluster;
    }

    private static Secret secret() {
        return ClusterTlsSecrets.secret(cluster("uid-1"), CREDENTIALS);
    }

    private static String reason(Secret secret) {
        CredentialsSecret.Result result = CredentialsSecret.parse(secret, "uid-1");
        assertThat(result).isInstanceOf(CredentialsSecret.Unusable.class);
        String reason = ((CredentialsSecret.Unusable) result).reason();
        assertThat(reason).doesNotContain("BEGIN").doesNotContain(CREDENTIALS.key().substring(40, 80));
        return reason;
    }

    private static Secret withData(String key, String value) {
        Map<String, String> data = new HashMap<>(secret().getData());
        data.put(key, value);
        return new SecretBuilder(secret()).withData(data).build();
    }

    @Test
    void shouldReadTheOperatorsSecret() {
        assertThat(CredentialsSecret.parse(secret(), "uid-1"))
                .isEqualTo(new CredentialsSecret.Found(CREDENTIALS));
        assertThat(CREDENTIALS.certificate()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(CREDENTIALS.key()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void shouldRefuseEverythingElseWithoutShowingItsData() {
        assertThat(reason(null)).isEqualTo("does not exist");
        assertThat(reason(new SecretBuilder(secret()).withType("Opaque").build())).contains("Opaque");
        // Made by someone else under the same name, or left over from an older cluster of that name.
        assertThat(reason(ClusterTlsSecrets.secret(cluster("uid-2"), CREDENTIALS))).contains("not controlled");
        assertThat(reason(new SecretBuilder(secret()).editMetadata().withOwnerReferences().endMetadata().build()))
                .contains("not controlled");
        assertThat(reason(new SecretBuilder(secret()).editMetadata().editFirstOwnerReference().withController(false)
                .endOwnerReference().endMetadata().build())).contains("not controlled");
        assertThat(reason(withData(CredentialsSecret.KEY, null))).contains("tls.key");
        assertThat(reason(withData(CredentialsSecret.KEY, "!!not base64!!"))).contains("tls.key");
        // A PKCS#1 key: dask-gateway's client and scheduler expect PKCS#8.
        assertThat(reason(withData(CredentialsSecret.KEY, ClusterTlsSecrets.base64(
                CREDENTIALS.key().replace("PRIVATE KEY", "RSA PRIVATE KEY"))))).contains("PKCS#8");
        assertThat(reason(withData(CredentialsSecret.CERTIFICATE, ClusterTlsSecrets.base64("junk")))).contains("tls.crt");
    }
}

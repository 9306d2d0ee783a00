package io.tessera.operator.arraycluster.tls;

import static io.tessera.operator.arraycluster.tls.ClusterCertificateIssuerTest.b64;
import static io.tessera.operator.arraycluster.tls.ClusterCertificateIssuerTest.secretData;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which Secret data counts as usable credentials, and what the answer says (never the content). */
class CredentialsCheckTest {

    private static final ClusterCredentials DEMO = ClusterCertificateIssuer.issue("demo", Instant.now());
    private static final ClusterCredentials OTHER = ClusterCertificateIssuer.issue("other", Instant.now());

    @Test
    void shouldNameTheMissingKey() {
        Map<String, String> data = new HashMap<>(secretData(DEMO, DEMO.certificatePem()));
        data.remove(CredentialsCheck.CA);

        assertThat(CredentialsCheck.problem(data)).hasValue("it has no ca.crt");
        assertThat(CredentialsCheck.problem(null)).hasValue("it has no data");
    }

    @Test
    void shouldRefuseGarbageAndSayWhichKeyWithoutRepeatingIt() {
        Map<String, String> data = new HashMap<>(secretData(DEMO, DEMO.certificatePem()));
        data.put(CredentialsCheck.CERTIFICATE, b64("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n"));

        assertThat(CredentialsCheck.problem(data)).hasValue("tls.crt is not a PEM certificate");
        data.put(CredentialsCheck.CERTIFICATE, "%%%");
        assertThat(CredentialsCheck.problem(data)).hasValue("tls.crt is not a PEM certificate");
    }

    @Test
    void shouldRefuseAKeyInAnotherFormat() {
        String pkcs1 = DEMO.privateKeyPem().replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY")
                .replace("END PRIVATE KEY", "END RSA PRIVATE KEY");
        Map<String, String> data = new HashMap<>(secretData(DEMO, DEMO.certificatePem()));
        data.put(CredentialsCheck.PRIVATE_KEY, b64(pkcs1));

        assertThat(CredentialsCheck.problem(data)).hasValue("tls.key is not a PEM PKCS#8 RSA private key");
    }

    @Test
    void shouldRefuseAKeyThatDoesNotBelongToTheCertificate() {
        Map<String, String> data = new HashMap<>(secretData(DEMO, DEMO.certificatePem()));
        data.put(CredentialsCheck.PRIVATE_KEY, b64(OTHER.privateKeyPem()));

        assertThat(CredentialsCheck.problem(data)).hasValue("tls.key is not the key of tls.crt");
    }
}

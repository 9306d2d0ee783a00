package io.tessera.gateway.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final List<String> DNS = List.of("tessera-gateway-webhook", "tessera-gateway-webhook.tessera-system.svc");
    private static final Set<String> SANS = Set.of("tessera-gateway-webhook", "tessera-gateway-webhook.tessera-system.svc",
            "127.0.0.1");
    private static final Duration YEAR = Duration.ofDays(365);
    private static final Duration MONTH = Duration.ofDays(30);

    private static TlsMaterial issue() {
        return CertificateIssuer.issueAll("tessera-gateway-webhook", DNS, List.of("127.0.0.1"), NOW,
                Duration.ofDays(3650), YEAR);
    }

    @Test
    void shouldIssueAServingCertificateForTheServiceNamesSignedByItsOwnCa() throws Exception {
        TlsMaterial material = issue();
        X509Certificate ca = material.ca();
        X509Certificate cert = material.certificate();
        cert.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(RenewalPolicy.sans(cert)).isEqualTo(new java.util.TreeSet<>(SANS));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(YEAR).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(material.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void shouldKeepValidCertificatesAndRenewOnlyTheLeafBeforeItExpires() {
        TlsMaterial material = issue();
        assertThat(RenewalPolicy.decide(Optional.of(material), SANS, NOW.plus(Duration.ofDays(300)), MONTH))
                .isEqualTo(RenewalPolicy.Action.KEEP);
        assertThat(RenewalPolicy.decide(Optional.of(material), SANS, NOW.plus(Duration.ofDays(336)), MONTH))
                .isEqualTo(RenewalPolicy.Action.NEW_CERTIFICATE);
        TlsMaterial renewed = CertificateIssuer.issueLeaf(material.caCertPem(), material.caKeyPem(), "x", DNS,
                List.of("127.0.0.1"), NOW.plus(Duration.ofDays(336)), YEAR);
        assertThat(renewed.caCertPem()).isEqualTo(material.caCertPem()); // the caBundle stays valid
        assertThat(RenewalPolicy.decide(Optional.of(renewed), SANS, NOW.plus(Duration.ofDays(336)), MONTH))
                .isEqualTo(RenewalPolicy.Action.KEEP);
    }

    @Test
    void shouldRenewWhenTheNamesChangeAndStartOverWhenTheCaExpiresOrTheSecretIsBroken() {
        TlsMaterial material = issue();
        assertThat(RenewalPolicy.decide(Optional.of(material), Set.of("other.svc"), NOW, MONTH))
                .isEqualTo(RenewalPolicy.Action.NEW_CERTIFICATE);
        assertThat(RenewalPolicy.decide(Optional.of(material), SANS, NOW.plus(Duration.ofDays(3630)), MONTH))
                .isEqualTo(RenewalPolicy.Action.NEW_CA);
        assertThat(RenewalPolicy.decide(Optional.empty(), SANS, NOW, MONTH)).isEqualTo(RenewalPolicy.Action.NEW_CA);
        TlsMaterial broken = new TlsMaterial(material.caCertPem(), material.caKeyPem(), "garbage", material.keyPem());
        assertThat(RenewalPolicy.decide(Optional.of(broken), SANS, NOW, MONTH)).isEqualTo(RenewalPolicy.Action.NEW_CA);
    }

    @Test
    void shouldRoundTripThroughTheSecretAndRefuseNamesAsIpAddresses() {
        TlsMaterial material = issue();
        assertThat(TlsSecret.read(TlsSecret.of("ns", "name", material))).contains(material);
        assertThat(TlsSecret.of("ns", "name", material).getType()).isEqualTo("kubernetes.io/tls");
        assertThatThrownBy(() -> CertificateIssuer.issueAll("x", DNS, List.of("example.org"), NOW, YEAR, YEAR))
                .hasMessageContaining("not an IP address: example.org");
    }
}

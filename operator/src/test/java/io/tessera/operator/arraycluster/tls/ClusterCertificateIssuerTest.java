package io.tessera.operator.arraycluster.tls;

import static io.tessera.operator.arraycluster.tls.TlsTestSupport.certificate;
import static io.tessera.operator.arraycluster.tls.TlsTestSupport.context;
import static io.tessera.operator.arraycluster.tls.TlsTestSupport.pkcs8;
import static io.tessera.operator.arraycluster.tls.TlsTestSupport.trusting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The issued credentials read back with the JDK's own parsers (profile of the contract: what the
 * dask-gateway client and Dask's Security expect), and used for a real mutual-TLS handshake.
 */
class ClusterCertificateIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.750Z");
    private static final ClusterCredentials DEMO = ClusterCertificateIssuer.issue("demo", NOW);

    @Test
    void shouldIssueASelfSignedCaCertificateForTheClusterWithDaskGatewaysProfile() throws Exception {
        X509Certificate cert = certificate(DEMO.certificatePem());

        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=dask-internal");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        cert.verify(cert.getPublicKey()); // self-signed: its own key signs it
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "demo"), List.of(2, "dask-internal"));
        assertThat(cert.getNonCriticalExtensionOIDs()).contains("2.5.29.17");
        assertThat(cert.getBasicConstraints()).as("CA:true").isEqualTo(Integer.MAX_VALUE);
        assertThat(cert.getCriticalExtensionOIDs()).containsExactly("2.5.29.19");
        assertThat(cert.getKeyUsage()).as("no KeyUsage, like upstream").isNull();
        byte[] ski = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.14"))
                .getOctets()).getKeyIdentifier();
        byte[] aki = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.35"))
                .getOctets()).getKeyIdentifierOctets();
        assertThat(ski).hasSizeGreaterThan(0).isEqualTo(aki);
    }

    @Test
    void shouldBeValidFromAMinuteAgoFor365Days() throws Exception {
        X509Certificate cert = certificate(DEMO.certificatePem());

        assertThat(cert.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-11-24T10:14:30Z"));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2027-11-24T10:15:30Z"));
    }

    @Test
    void shouldUseAnRsa2048KeyWithTheUsualExponentInUnencryptedPkcs8() throws Exception {
        assertThat(DEMO.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) pkcs8(DEMO.privateKeyPem());
        RSAPublicKey pub = (RSAPublicKey) certificate(DEMO.certificatePem()).getPublicKey();

        assertThat(pub.getModulus().bitLength()).isEqualTo(2048);
        assertThat(pub.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
        assertThat(key.getModulus()).as("the key of the certificate").isEqualTo(pub.getModulus());
    }

    @Test
    void shouldGiveEveryCertificateItsOwnRandomPositiveSerialAndKey() throws Exception {
        ClusterCredentials other = ClusterCertificateIssuer.issue("demo", NOW);
        BigInteger serial = certificate(DEMO.certificatePem()).getSerialNumber();

        assertThat(serial.signum()).isPositive();
        assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
        assertThat(certificate(other.certificatePem()).getSerialNumber()).isNotEqualTo(serial);
        assertThat(other.privateKeyPem()).isNotEqualTo(DEMO.privateKeyPem());
    }

    @Test
    void shouldNeverShowTheKeyInItsStringForm() {
        String body = DEMO.privateKeyPem().lines().skip(1).findFirst().orElseThrow();

        assertThat(DEMO.toString()).doesNotContain(body).doesNotContain("PRIVATE KEY");
    }

    @Test
    void shouldPassItsOwnCheck() {
        assertThat(CredentialsCheck.problem(secretData(DEMO, DEMO.certificatePem()))).isEmpty();
    }

    @Test
    void shouldLetTwoHoldersOfTheClusterCertificateCompleteAMutualTlsHandshake() throws Exception {
        SSLContext context = context(DEMO, DEMO);

        assertThat(roundTrip(context, context)).isEqualTo("pong");
    }

    @Test
    void shouldRefuseAClientWithoutACertificateOrWithAnotherClustersCertificate() throws Exception {
        ClusterCredentials other = ClusterCertificateIssuer.issue("other", NOW);
        SSLContext server = context(DEMO, DEMO);

        assertThatThrownBy(() -> roundTrip(server, context(other, DEMO))).as("another cluster's certificate")
                .isInstanceOfAny(SSLHandshakeException.class, IOException.class);
        assertThatThrownBy(() -> roundTrip(server, clientWithoutCertificate(DEMO))).as("no client certificate")
                .isInstanceOfAny(SSLHandshakeException.class, IOException.class);
        assertThatThrownBy(() -> roundTrip(context(other, other), context(DEMO, DEMO)))
                .as("a scheduler with another cluster's certificate is not trusted by the client")
                .isInstanceOfAny(SSLHandshakeException.class, IOException.class);
    }

    /** Trusts the cluster's certificate but has none to present. */
    private static SSLContext clientWithoutCertificate(ClusterCredentials trusted) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trusting(trusted), null);
        return context;
    }

    /** A loopback server requiring a client certificate, as Dask's listeners do; the client sends "ping". */
    private static String roundTrip(SSLContext server, SSLContext client) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(10_000);
                    InputStream in = socket.getInputStream();
                    byte[] ping = in.readNBytes(4);
                    if (new String(ping, StandardCharsets.US_ASCII).equals("ping")) {
                        socket.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    // the refused handshakes end here; the client sees its side of it
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write("ping".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] answer = socket.getInputStream().readNBytes(4);
                if (answer.length < 4) {
                    // TLS 1.3: a client certificate is refused after the client's handshake completed.
                    throw new IOException("connection closed by the server");
                }
                return new String(answer, StandardCharsets.US_ASCII);
            } finally {
                served.get(20, TimeUnit.SECONDS);
            }
        }
    }

    static Map<String, String> secretData(ClusterCredentials credentials, String ca) {
        return Map.of(CredentialsCheck.CERTIFICATE, b64(credentials.certificatePem()),
                CredentialsCheck.PRIVATE_KEY, b64(credentials.privateKeyPem()), CredentialsCheck.CA, b64(ca));
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}

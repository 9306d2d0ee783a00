package io.tessera.operator.arraycluster.tls;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues a cluster's TLS credentials with the profile of dask-gateway's {@code new_keypair(name)},
 * which the unchanged dask-gateway client and Dask's {@code Security} expect: RSA 2048 (e=65537),
 * a self-signed X.509 v3 certificate, subject = issuer = {@code CN=dask-internal}, a random
 * 128-bit positive serial, valid from one minute ago (clock skew between nodes) for 365 days,
 * SHA256withRSA, SubjectAltName DNS {@code <cluster>} and {@code dask-internal}. Beyond upstream it
 * adds BasicConstraints CA:true (critical), SubjectKeyIdentifier and AuthorityKeyIdentifier: the
 * certificate is its own CA (the only trust anchor on both sides), and stricter OpenSSL
 * verification (Python 3.13's default {@code VERIFY_X509_STRICT}) wants a CA to say so.
 *
 * <p>Pure apart from the key material's randomness: no API calls, the time is given.
 */
public final class ClusterCertificateIssuer {

    /** Subject and issuer, as upstream: clients do not check host names, only the chain. */
    public static final String COMMON_NAME = "dask-internal";
    public static final Duration VALIDITY = Duration.ofDays(365);
    /** Nodes' clocks differ a little; a certificate must not be "not yet valid" on a worker. */
    public static final Duration BACKDATE = Duration.ofMinutes(1);
    public static final int KEY_BITS = 2048;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterCertificateIssuer() {
    }

    /** New credentials for the ArrayCluster {@code cluster}, valid from {@code now} (to the second). */
    public static ClusterCredentials issue(String cluster, Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        KeyPair key = keyPair();
        X500Name subject = new X500Name("CN=" + COMMON_NAME);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(start.minus(BACKDATE)), Date.from(start.plus(VALIDITY)), subject, key.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(key.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(key.getPublic()));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, cluster), new GeneralName(GeneralName.dNSName, COMMON_NAME) }));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
            return new ClusterCredentials(pem("CERTIFICATE", certificate.getEncoded()),
                    pem("PRIVATE KEY", key.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            // The message names the failing step only; nothing of the key is in it.
            throw new IllegalStateException("cannot issue the TLS certificate of cluster " + cluster + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** PEM as OpenSSL writes it: base64 in lines of 64 characters. Java's getEncoded() of a private key is PKCS#8. */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(KEY_BITS, RSAKeyGenParameterSpec.F4), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has RSA", e);
        }
    }

    /** Random, positive, at most 128 bits (RFC 5280 allows up to 20 octets), never zero. */
    private static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }
}

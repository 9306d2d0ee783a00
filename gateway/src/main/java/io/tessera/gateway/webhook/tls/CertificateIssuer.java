package io.tessera.gateway.webhook.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the webhook's own small PKI: a CA (whose certificate is the webhook configuration's
 * caBundle) and a serving certificate for the webhook Service's DNS names and the configured IPs,
 * signed by it. EC P-256 keys: quick to make, and accepted by the API server's Go TLS stack.
 * Renewing the serving certificate keeps the CA, so the caBundle stays the same.
 */
public final class CertificateIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Clock skew between the gateway and the API server must not make a new certificate "not yet valid". */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private CertificateIssuer() {
    }

    /** A new CA and a serving certificate signed by it. */
    public static TlsMaterial issueAll(String commonName, List<String> dnsNames, List<String> ips, Instant now,
            Duration caValidity, Duration validity) {
        KeyPair ca = keyPair();
        X500Name caName = new X500Name("CN=" + commonName + " webhook CA");
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(caValidity)), caName, ca.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
            X509Certificate caCert = sign(builder, ca.getPrivate());
            return issueLeaf(Pem.certificate(caCert), Pem.privateKey(ca.getPrivate()), commonName, dnsNames, ips, now,
                    validity);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue the webhook CA: " + e.getMessage(), e);
        }
    }

    /** A new serving certificate signed by the existing CA ({@code caCertPem}, {@code caKeyPem}). */
    public static TlsMaterial issueLeaf(String caCertPem, String caKeyPem, String commonName, List<String> dnsNames,
            List<String> ips, Instant now, Duration validity) {
        X509Certificate caCert = Pem.certificate(caCertPem);
        PrivateKey caKey = Pem.ecPrivateKey(caKeyPem);
        KeyPair leaf = keyPair();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(min(now.plus(validity), caCert.getNotAfter().toInstant())),
                    new X500Name("CN=" + commonName), leaf.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, sans(dnsNames, ips));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leaf.getPublic()));
            X509Certificate cert = sign(builder, caKey);
            return new TlsMaterial(caCertPem, caKeyPem, Pem.certificate(cert), Pem.privateKey(leaf.getPrivate()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue the webhook certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames sans(List<String> dnsNames, List<String> ips) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        for (String ip : ips) {
            try {
                // Only literal addresses are accepted, never names to resolve.
                if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                    throw new IllegalArgumentException("not an IP address: " + ip);
                }
                names.add(new GeneralName(GeneralName.iPAddress, InetAddress.getByName(ip).getHostAddress()));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + ip, e);
            }
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has EC P-256", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

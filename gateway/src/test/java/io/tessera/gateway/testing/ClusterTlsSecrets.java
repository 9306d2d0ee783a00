package io.tessera.gateway.testing;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.gateway.cluster.ClusterCredentials;
import io.tessera.gateway.cluster.CredentialsSecret;
import io.tessera.gateway.webhook.tls.Pem;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The per-cluster credentials Secret in the shape the operator writes (contract of issue 14):
 * {@code <name>-tls}, type kubernetes.io/tls, an RSA 2048 self-signed {@code CN=dask-internal}
 * certificate with SANs {@code <name>} and {@code dask-internal} that is its own CA, a PKCS#8 key,
 * controlled by the ArrayCluster. Tests make it themselves: the operator is not part of them.
 */
public final class ClusterTlsSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterTlsSecrets() {
    }

    public static ClusterCredentials credentials(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=dask-internal");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(128, RANDOM).setBit(0), Date.from(
                    now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(365))), subject, pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, name), new GeneralName(GeneralName.dNSName, "dask-internal")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(pair.getPublic()));
            var certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new ClusterCredentials(Pem.certificate(certificate), Pem.privateKey(pair.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make test credentials", e);
        }
    }

    /** The Secret for {@code cluster} holding {@code credentials}, controlled by it. */
    public static Secret secret(ArrayCluster cluster, ClusterCredentials credentials) {
        String name = cluster.getMetadata().getName();
        return new SecretBuilder().withNewMetadata().withName(CredentialsSecret.name(name))
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(Map.of("tessera.io/cluster", name, "app.kubernetes.io/managed-by", "tessera"))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(cluster.getApiVersion())
                        .withKind("ArrayCluster").withName(name).withUid(cluster.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata().withType(CredentialsSecret.TYPE)
                .withData(Map.of(CredentialsSecret.CERTIFICATE, base64(credentials.certificate()),
                        CredentialsSecret.KEY, base64(credentials.key()), "ca.crt", base64(credentials.certificate())))
                .build();
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}

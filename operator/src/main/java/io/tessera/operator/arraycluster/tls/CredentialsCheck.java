package io.tessera.operator.arraycluster.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the data of a cluster's TLS Secret is usable: {@code tls.crt} and {@code ca.crt} PEM
 * certificates, {@code tls.key} a PKCS#8 RSA key belonging to {@code tls.crt}. Answers with a
 * fixed sentence naming the key, never with the parser's message or any of the content: the
 * answer goes into conditions and events.
 */
public final class CredentialsCheck {

    public static final String CERTIFICATE = "tls.crt";
    public static final String PRIVATE_KEY = "tls.key";
    public static final String CA = "ca.crt";

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private CredentialsCheck() {
    }

    /** @param data the Secret's {@code data}, base64 as the API returns it; null when it has none */
    public static Optional<String> problem(Map<String, String> data) {
        if (data == null) {
            return Optional.of("it has no data");
        }
        for (String key : new String[] { CERTIFICATE, PRIVATE_KEY, CA }) {
            if (data.get(key) == null) {
                return Optional.of("it has no " + key);
            }
        }
        Optional<X509Certificate> certificate = certificate(decode(data.get(CERTIFICATE)));
        if (certificate.isEmpty()) {
            return Optional.of(CERTIFICATE + " is not a PEM certificate");
        }
        if (certificate(decode(data.get(CA))).isEmpty()) {
            return Optional.of(CA + " is not a PEM certificate");
        }
        Optional<RSAPrivateCrtKey> key = rsaKey(decode(data.get(PRIVATE_KEY)));
        if (key.isEmpty()) {
            return Optional.of(PRIVATE_KEY + " is not a PEM PKCS#8 RSA private key");
        }
        if (!(certificate.get().getPublicKey() instanceof RSAPublicKey pub)
                || !pub.getModulus().equals(key.get().getModulus())) {
            return Optional.of(PRIVATE_KEY + " is not the key of " + CERTIFICATE);
        }
        return Optional.empty();
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Optional<X509Certificate> certificate(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return Optional.empty();
        }
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<RSAPrivateCrtKey> rsaKey(String pem) {
        Matcher body = PKCS8.matcher(pem);
        if (!body.find()) {
            return Optional.empty();
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(body.group(1));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey k
                    ? Optional.of(k) : Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

package io.tessera.gateway.webhook.tls;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** The Secret form of {@link TlsMaterial}: a kubernetes.io/tls Secret plus the CA and its key. */
public final class TlsSecret {

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String CERT = "tls.crt";
    public static final String KEY = "tls.key";

    private TlsSecret() {
    }

    public static Secret of(String namespace, String name, TlsMaterial material) {
        return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app.kubernetes.io/name", "tessera-gateway")
                .addToLabels("app.kubernetes.io/component", "admission-webhook")
                .addToLabels("app.kubernetes.io/managed-by", "tessera-gateway").endMetadata()
                .withType("kubernetes.io/tls")
                .withData(Map.of(CA_CERT, base64(material.caCertPem()), CA_KEY, base64(material.caKeyPem()),
                        CERT, base64(material.certPem()), KEY, base64(material.keyPem())))
                .build();
    }

    /** The material in {@code secret}; empty when a key is missing (then it is issued anew). */
    public static Optional<TlsMaterial> read(Secret secret) {
        Map<String, String> data = Optional.ofNullable(secret.getData()).orElse(Map.of());
        if (!data.keySet().containsAll(java.util.List.of(CA_CERT, CA_KEY, CERT, KEY))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TlsMaterial(text(data.get(CA_CERT)), text(data.get(CA_KEY)), text(data.get(CERT)),
                    text(data.get(KEY))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }
}

package io.tessera.gateway.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Reads a cluster's credentials Secret as the operator writes it (contract of issue 14):
 * {@code <cluster>-tls}, type {@code kubernetes.io/tls}, {@code tls.crt} a PEM certificate,
 * {@code tls.key} a PEM PKCS#8 key, controlled by the ArrayCluster. Pure. A Secret of that name
 * that the cluster does not control (e.g. one a group member made before the operator) is refused:
 * its key would not be the one the scheduler trusts, and the gateway must hand out only the
 * operator's. Problems are described without any of the Secret's data.
 */
public final class CredentialsSecret {

    public static final String TYPE = "kubernetes.io/tls";
    public static final String CERTIFICATE = "tls.crt";
    public static final String KEY = "tls.key";
    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
    private static final String PEM_PKCS8_KEY = "-----BEGIN PRIVATE KEY-----";

    /** Either credentials or why there are none. */
    public sealed interface Result {
    }

    public record Found(ClusterCredentials credentials) implements Result {
    }

    public record Unusable(String reason) implements Result {
    }

    private CredentialsSecret() {
    }

    public static String name(String cluster) {
        return cluster + "-tls";
    }

    /** @param clusterUid the ArrayCluster's uid, which must be the Secret's controller */
    public static Result parse(Secret secret, String clusterUid) {
        if (secret == null) {
            return new Unusable("does not exist");
        }
        if (!TYPE.equals(secret.getType())) {
            return new Unusable("has type " + secret.getType() + ", not " + TYPE);
        }
        boolean controlled = secret.getMetadata().getOwnerReferences() != null && secret.getMetadata().getOwnerReferences()
                .stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()) && "ArrayCluster".equals(o.getKind())
                        && clusterUid != null && clusterUid.equals(o.getUid()));
        if (!controlled) {
            return new Unusable("is not controlled by the ArrayCluster (uid " + clusterUid + ")");
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        String certificate = decode(data.get(CERTIFICATE));
        String key = decode(data.get(KEY));
        if (certificate == null || !certificate.strip().startsWith(PEM_CERTIFICATE)) {
            return new Unusable("has no PEM certificate in " + CERTIFICATE);
        }
        if (key == null || !key.strip().startsWith(PEM_PKCS8_KEY)) {
            return new Unusable("has no PEM PKCS#8 private key in " + KEY);
        }
        return new Found(new ClusterCredentials(certificate, key));
    }

    private static String decode(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package io.tessera.operator.arraycluster.tls;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.desired.OwnerReferences;
import io.tessera.operator.common.ClusterLabels;

/**
 * The Secret {@code <cluster>-tls} holding a cluster's credentials: {@code kubernetes.io/tls} with
 * {@code tls.crt}, {@code tls.key} and {@code ca.crt} (the same certificate: it is its own CA),
 * Tessera's cluster labels, and the cluster as controller owner so that it is garbage-collected
 * with it. The gateway reads it by name to hand the credentials to the cluster's owner.
 */
public final class TlsSecretFactory {

    public static final String TYPE = "kubernetes.io/tls";
    /** Component label value of the Secret (the scheduler and workers have their own). */
    public static final String COMPONENT = "tls";

    private TlsSecretFactory() {
    }

    public static Secret desired(ArrayCluster cluster, ClusterCredentials credentials) {
        Map<String, String> data = new TreeMap<>();
        data.put(CredentialsCheck.CA, base64(credentials.certificatePem()));
        data.put(CredentialsCheck.CERTIFICATE, base64(credentials.certificatePem()));
        data.put(CredentialsCheck.PRIVATE_KEY, base64(credentials.privateKeyPem()));
        return new SecretBuilder().withNewMetadata().withName(ClusterNames.tlsSecret(cluster.getMetadata().getName()))
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(ClusterLabels.all(cluster, COMPONENT, Optional.empty()))
                .withOwnerReferences(OwnerReferences.controller(cluster)).endMetadata()
                .withType(TYPE).withData(data).build();
    }

    /**
     * Whether the Secret was made for this very cluster: its controller owner has the cluster's UID.
     * A Secret of an earlier cluster of the same name (waiting for garbage collection) or anyone
     * else's is not, and is never used or changed.
     */
    public static boolean ownedBy(Secret secret, ArrayCluster cluster) {
        return owners(secret).stream().anyMatch(o -> Boolean.TRUE.equals(o.getController())
                && cluster.getMetadata().getUid().equals(o.getUid()));
    }

    /** Owned by an earlier ArrayCluster of the same name: it goes away with that one. */
    public static boolean ownedByEarlierCluster(Secret secret, ArrayCluster cluster) {
        return owners(secret).stream().anyMatch(o -> Boolean.TRUE.equals(o.getController())
                && cluster.getKind().equals(o.getKind()) && cluster.getMetadata().getName().equals(o.getName())
                && !cluster.getMetadata().getUid().equals(o.getUid()));
    }

    private static List<OwnerReference> owners(Secret secret) {
        return Optional.ofNullable(secret.getMetadata().getOwnerReferences()).orElse(List.of());
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}

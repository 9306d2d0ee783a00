package io.tessera.gateway.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials of running clusters, read from their Secrets through the Kubernetes API (the
 * gateway's ClusterRole may {@code get} Secrets; see docs/gateway.md, "Permissions"). The operator
 * never changes a cluster's Secret while the cluster lives, so a Secret read once is kept for the
 * cluster's lifetime, keyed by the ArrayCluster's uid (a cluster re-made under the same name with
 * kubectl is another uid, hence another entry): listing many clusters many times costs one GET
 * per cluster. A missing or unusable Secret is not kept: it is asked for again after
 * {@link #RETRY}, and warned about once per cluster, without any of its data.
 */
@ApplicationScoped
public class CredentialsCache {

    /** More live clusters than any gateway holds; beyond it the least recently used entries go. */
    static final int CAPACITY = 4096;
    static final Duration RETRY = Duration.ofSeconds(10);

    @Inject
    KubernetesClient client;

    @Inject
    Clock clock;

    private final Map<String, ClusterCredentials> found = lru();
    private final Map<String, Instant> retryAfter = lru();
    private final Map<String, Boolean> warned = lru();

    private static <V> Map<String, V> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CAPACITY;
            }
        });
    }

    /** The cluster's credentials, or empty when its Secret is missing, not the operator's or unreadable. */
    public Optional<ClusterCredentials> of(ArrayCluster cluster) {
        String uid = cluster.getMetadata().getUid();
        ClusterCredentials cached = found.get(uid);
        if (cached != null) {
            return Optional.of(cached);
        }
        Instant retry = retryAfter.get(uid);
        if (retry != null && clock.instant().isBefore(retry)) {
            return Optional.empty();
        }
        String namespace = cluster.getMetadata().getNamespace();
        String secret = CredentialsSecret.name(cluster.getMetadata().getName());
        CredentialsSecret.Result result;
        try {
            result = CredentialsSecret.parse(client.secrets().inNamespace(namespace).withName(secret).get(), uid);
        } catch (KubernetesClientException e) {
            // The code says enough (403: the gateway's RBAC; 5xx: the API server); never the body.
            result = new CredentialsSecret.Unusable("cannot be read (HTTP " + e.getCode() + ")");
        }
        if (result instanceof CredentialsSecret.Found hit) {
            found.put(uid, hit.credentials());
            retryAfter.remove(uid);
            return Optional.of(hit.credentials());
        }
        retryAfter.put(uid, clock.instant().plus(RETRY));
        if (warned.put(uid, Boolean.TRUE) == null) {
            Log.warnf("cluster %s/%s is running but its Secret %s %s: its reports carry no tls_cert/tls_key",
                    namespace, cluster.getMetadata().getName(), secret, ((CredentialsSecret.Unusable) result).reason());
        }
        return Optional.empty();
    }
}

package io.tessera.operator.arraycluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** "namespace/name": the key of per-cluster bookkeeping and of log lines. */
final class ClusterKeys {

    private ClusterKeys() {
    }

    static String of(HasMetadata cluster) {
        return cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName();
    }

    /**
     * "namespace/name/uid": the key of pod expectations. The UID makes a cluster created again under
     * the same name a different key, so it never inherits the expectations of the one deleted before.
     */
    static String expectations(HasMetadata cluster) {
        return of(cluster) + "/" + cluster.getMetadata().getUid();
    }
}

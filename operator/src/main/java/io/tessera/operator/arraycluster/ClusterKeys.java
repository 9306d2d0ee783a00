package io.tessera.operator.arraycluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** "namespace/name": the key of per-cluster bookkeeping and of log lines. */
final class ClusterKeys {

    private ClusterKeys() {
    }

    static String of(HasMetadata cluster) {
        return cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName();
    }
}

package io.tessera.gateway.kube;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** How the gateway uses Kubernetes ({@code tessera.gateway.kubernetes.*}). */
@ConfigMapping(prefix = "tessera.gateway.kubernetes")
public interface KubernetesSettings {

    /**
     * Off only in tests that need no API server (the admission and admin-API tests): then groups get
     * no namespace, the cluster API answers 503 and nothing watches ArrayClusters.
     */
    @WithDefault("true")
    boolean enabled();

    /** An ACTIVE reservation whose ArrayCluster is missing is released only when older than this: a create may be in flight. */
    @WithDefault("2m")
    Duration syncGrace();

    /** How often the reservations are compared with the ArrayClusters that exist (besides the watch). */
    @WithDefault("5m")
    Duration resyncInterval();

    /** Longest a {@code GET /api/v1/clusters/{name}?wait} blocks; dask-gateway's server uses 20 s. */
    @WithDefault("20s")
    Duration waitTimeout();

    /**
     * Pod Security Standard level ({@code restricted}, {@code baseline} or {@code privileged}) the
     * namespaces the gateway creates enforce, warn and audit, as the chart's bootstrapped group
     * namespaces do ({@code groupNamespaces.podSecurity}). Unset: no Pod Security labels.
     */
    @WithName("namespace-pod-security")
    Optional<PodSecurityLevel> namespacePodSecurity();
}

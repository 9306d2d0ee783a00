package io.tessera.operator.config;

import io.smallrye.config.ConfigMapping;
import io.tessera.operator.arraycluster.desired.PodSecurity;
import io.smallrye.config.WithDefault;

/** The operator's settings ({@code tessera.operator.*} in application.properties or env). */
@ConfigMapping(prefix = "tessera.operator")
public interface OperatorConfig {

    /** Image for scheduler, workers and runner when a cluster does not name one. */
    @WithDefault("tessera/worker:0.1.0")
    String workerImage();

    /** Most worker pods created for one group in one reconciliation, so one big cluster cannot starve others. */
    @WithDefault("16")
    int workerBatchSize();

    /**
     * Where the scheduler's HTTP server (port 8787) is reached; {name} and {namespace} are the
     * ArrayCluster's. The operator appends the route prefix it gives every scheduler
     * ({@code /clusters/<name>/}). In-cluster the default Service DNS name works; out of cluster
     * (or against simulated pods paired with local Dask processes) point it elsewhere.
     */
    @WithDefault("http://{name}-scheduler.{namespace}.svc:8787")
    String schedulerUrl();

    /**
     * The dashboard URL reported in status ({name}, {namespace} as above). The scheduler serves it
     * under its route prefix {@code /clusters/<name>/}, which the gateway's dashboard proxy forwards
     * unchanged: with the gateway, set this to its own address, e.g.
     * https://tessera.example.org/clusters/{name}/status.
     */
    @WithDefault("http://{name}-scheduler.{namespace}.svc:8787/clusters/{name}/status")
    String dashboardUrl();

    /** Timeout of one call to the scheduler's HTTP API; retirement waits for data to move. */
    @WithDefault("60s")
    java.time.Duration schedulerTimeout();

    /** Leader election among operator replicas (active in the prod profile: the packaged operator). */
    LeaderElection leaderElection();

    interface LeaderElection {
        /** Name of the coordination.k8s.io Lease the replicas compete for. */
        @WithDefault("tessera-operator")
        String leaseName();

        /** Namespace of the Lease; unset in-cluster means the operator's own namespace. Required out of cluster. */
        java.util.Optional<String> leaseNamespace();
    }

    /** Quota admission of ArrayJobs by the gateway's queue. */
    QuotaAdmission quotaAdmission();

    interface QuotaAdmission {
        /**
         * When on, an ArrayJob in a namespace labelled {@code tessera.io/group} creates its cluster
         * and runner only once the gateway's queue admitted it (annotation {@code tessera.io/admitted}).
         * Off only for installs without the gateway.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** The NetworkPolicy the operator gives every ArrayCluster (docs/operator.md, "Network isolation"). */
    NetworkIsolation networkPolicy();

    interface NetworkIsolation {
        /** Give every ArrayCluster its NetworkPolicy; when off, the policies the operator created are deleted. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Namespaces whose pods may reach every cluster's scheduler and workers on ports 8786 and
         * 8787: the operator's and the gateway's own, and monitoring. The default is the namespace
         * of the kubectl-apply install (operator/rbac/); the chart sets its release namespace.
         */
        @WithDefault("tessera-system")
        java.util.List<String> allowedNamespaces();
    }

    /**
     * Security settings of the pods the operator creates: {@code restricted} fills in what the
     * "restricted" Pod Security Standard requires where a pod template leaves it unset;
     * {@code none} adds nothing (see {@link PodSecurity}).
     */
    @WithDefault("restricted")
    PodSecurity podSecurity();

    /**
     * Image pull secrets of the Dask pods: names of Secrets (usually {@code kubernetes.io/dockerconfigjson})
     * in the operator's own namespace ({@link OperatorNamespace}). The operator keeps a copy of each
     * in every namespace with an ArrayCluster and names them in the scheduler, worker and runner
     * pods' {@code imagePullSecrets}, after any the pod template names (docs/operator.md, "Image pull
     * secrets"). Unset: none. The chart sets its {@code global.imagePullSecrets}.
     */
    java.util.Optional<java.util.List<String>> imagePullSecrets();

    /** Environments built on top of the worker image (docs/operator.md, "Environments"). */
    Environments environments();

    interface Environments {
        /** StorageClass of each namespace's cache claim {@code tessera-environments}; unset: the cluster's default. */
        java.util.Optional<String> storageClass();

        /** Size requested by each namespace's cache claim. */
        @WithDefault("20Gi")
        String cacheSize();

        /**
         * Access mode of the cache claim: ReadWriteMany lets one build serve pods on every node;
         * ReadWriteOnce works where all of a namespace's pods share one node.
         */
        @WithDefault("ReadWriteMany")
        String accessMode();

        /** Longest a build Job may run (its activeDeadlineSeconds, and the image's build-lock timeout). */
        @WithDefault("30m")
        java.time.Duration buildTimeout();

        /** CPU of the build container (requests = limits). */
        @WithDefault("1")
        String buildCpu();

        /** Memory of the build container (requests = limits). */
        @WithDefault("2Gi")
        String buildMemory();

        /**
         * Whether the worker image carries a conda tool. Off: a spec with conda packages or
         * channels gets the condition reason CondaUnavailable instead of a build (the shipped image has none).
         */
        @WithDefault("false")
        boolean condaEnabled();

        /** Package index the build installs from (a mirror in an isolated network); unset: the image's default. */
        java.util.Optional<String> indexUrl();

        /** Further package indexes the build may install from. */
        java.util.Optional<java.util.List<String>> extraIndexUrls();

        /** Path of a PEM file with the CA certificates the build trusts for the index; the chart mounts it from a ConfigMap. */
        java.util.Optional<String> caBundleFile();

        /** Proxy of the build's HTTP requests. */
        java.util.Optional<String> httpProxy();

        /** Proxy of the build's HTTPS requests. */
        java.util.Optional<String> httpsProxy();

        /** Hosts the build reaches without the proxy. */
        java.util.Optional<String> noProxy();
    }

    /** Field manager name for server-side apply. */
    @WithDefault("tessera-operator")
    String fieldManager();
}

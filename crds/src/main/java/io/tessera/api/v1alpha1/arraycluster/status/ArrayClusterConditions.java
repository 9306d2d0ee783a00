package io.tessera.api.v1alpha1.arraycluster.status;

/** Condition types an ArrayCluster reports. */
public final class ArrayClusterConditions {

    /** Quota admission accepted the cluster (False, reason QuotaExceeded, while it waits). */
    public static final String ADMITTED = "Admitted";
    public static final String SCHEDULER_READY = "SchedulerReady";
    public static final String WORKERS_READY = "WorkersReady";
    /** Scheduler ready and at least minReplicas workers ready: what kubectl wait waits for. */
    public static final String READY = "Ready";
    public static final String SCALING = "Scaling";
    public static final String AUTOSCALER_HEALTHY = "AutoscalerHealthy";
    public static final String IDLE = "Idle";
    public static final String SUSPENDED = "Suspended";
    public static final String DEGRADED = "Degraded";
    /**
     * Only when the operator has image pull secrets: their copies in the cluster's namespace are
     * current (False with reason SourceMissing, NameConflict, TypeChanged or CopyFailed otherwise).
     */
    public static final String IMAGE_PULL_SECRETS_READY = "ImagePullSecretsReady";
    /**
     * The Secret {@code <name>-tls} with the cluster's TLS credentials exists, is the cluster's own
     * and parses (False with reason NameConflict, SecretInvalid or CreateFailed otherwise; the pods
     * wait for it).
     */
    public static final String TLS_SECRET_READY = "TLSSecretReady";

    /**
     * Only when {@code spec.environment} asks for something: the environment is built (reason
     * Built); False with reason Building, BuildFailed, CondaUnavailable, LockfileNotFound or
     * CacheUnavailable otherwise, and the cluster's pods wait for it.
     */
    public static final String ENVIRONMENT_READY = "EnvironmentReady";

    private ArrayClusterConditions() {
    }
}

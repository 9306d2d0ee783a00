package io.tessera.api.v1alpha1.arrayjob.status;

/** Condition types an ArrayJob reports. */
public final class ArrayJobConditions {

    /** Quota admission accepted the run (False with reason QuotaExceeded while queued). */
    public static final String ADMITTED = "Admitted";
    public static final String CLUSTER_READY = "ClusterReady";
    public static final String RUNNING = "Running";
    /** Terminal success. */
    public static final String COMPLETE = "Complete";
    /** Terminal failure; the reason says why (BackoffLimitExceeded, ProvisioningDeadlineExceeded, ClusterFailed...). */
    public static final String FAILED = "Failed";

    private ArrayJobConditions() {
    }
}

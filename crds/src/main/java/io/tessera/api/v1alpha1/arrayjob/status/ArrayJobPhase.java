package io.tessera.api.v1alpha1.arrayjob.status;

/** Summary of an ArrayJob for display; automation should read the conditions. */
public enum ArrayJobPhase {
    /** Waiting for quota admission. */
    Queued,
    /** Cluster being created; runner Job suspended. */
    Provisioning,
    Running,
    Succeeded,
    Failed
}

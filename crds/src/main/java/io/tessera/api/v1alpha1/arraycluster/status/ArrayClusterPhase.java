package io.tessera.api.v1alpha1.arraycluster.status;

/** Summary of an ArrayCluster for display only; automation should read the conditions. */
public enum ArrayClusterPhase {
    Pending,
    Provisioning,
    Running,
    Scaling,
    Idle,
    Suspended,
    Failed,
    Terminating
}

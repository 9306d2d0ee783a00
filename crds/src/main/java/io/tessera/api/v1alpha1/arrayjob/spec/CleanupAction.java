package io.tessera.api.v1alpha1.arrayjob.spec;

/** What happens to a run's cluster when the run ends. */
public enum CleanupAction {
    /** Delete the cluster at once. */
    Delete,
    /** Keep the cluster until the ArrayJob is deleted. */
    Keep,
    /** Keep the cluster for cleanup.keepFor, then delete it. */
    KeepFor
}

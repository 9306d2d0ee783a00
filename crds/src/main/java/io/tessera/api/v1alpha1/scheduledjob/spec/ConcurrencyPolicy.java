package io.tessera.api.v1alpha1.scheduledjob.spec;

/** How a new run treats runs still active, exactly as a Kubernetes CronJob. */
public enum ConcurrencyPolicy {
    /** Runs may overlap. */
    Allow,
    /** The new run is skipped while one is active. */
    Forbid,
    /** Active runs are deleted and the new one starts. */
    Replace
}

package io.tessera.api.v1alpha1.arraycluster.spec;

/** What the operator does when the scheduler pod fails. */
public enum SchedulerRecovery {
    Recreate, Fail
}

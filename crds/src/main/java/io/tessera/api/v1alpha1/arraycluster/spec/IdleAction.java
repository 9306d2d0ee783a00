package io.tessera.api.v1alpha1.arraycluster.spec;

/** What happens to a cluster whose scheduler reports no work for idle.timeout. */
public enum IdleAction {
    Delete, Suspend, ScaleToZero
}

package io.tessera.api.v1alpha1.arraycluster.spec;

/** Who decides the number of workers: the spec (Manual), the Dask scheduler (Adaptive) or an external autoscaler through the scale subresource (External). */
public enum AutoscalingMode {
    Manual,
    Adaptive,
    External
}

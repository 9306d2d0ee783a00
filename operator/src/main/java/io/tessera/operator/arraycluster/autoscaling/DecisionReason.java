package io.tessera.operator.arraycluster.autoscaling;

/** Why the autoscaler chose its target; written to status as CamelCase reasons. */
public enum DecisionReason {
    /** The target equals the current number of workers. */
    Unchanged,
    ScaledUp,
    ScaledDown,
    /** The scheduler asked for fewer than minReplicas. */
    ClampedToMin,
    /** The scheduler asked for more than maxReplicas. */
    ClampedToMax,
    /** A higher recommendation within the stabilisation window holds the scale-down back. */
    Stabilizing,
    /** The last change was less than the cooldown ago. */
    CoolingDown,
    /** Workers are still pending, so the target was just raised: no scale-down yet. */
    HeldWhilePending,
    /** The change was cut to maxScaleUpStep or maxScaleDownStep. */
    StepLimited,
    /** The user changed min/maxReplicas so that the current target lies outside them. */
    BoundsChanged
}

package io.tessera.operator.arraycluster.autoscaling;

import java.time.Instant;

/** A worker count the scheduler asked for at a point in time (after clamping to the bounds). */
public record Recommendation(Instant at, int workers) {
}

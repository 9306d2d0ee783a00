package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.Optional;

import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

/**
 * A run to create. Its annotations come from {@link RunAnnotations#of}.
 *
 * @param scheduledTime the tick; for a manual run the time the request was processed
 */
public record PlannedRun(String name, Instant scheduledTime, RunTrigger trigger, Optional<String> runNowToken) {
}

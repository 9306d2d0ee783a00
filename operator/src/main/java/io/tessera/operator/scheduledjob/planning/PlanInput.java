package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a scheduling decision depends on besides the clock.
 *
 * @param runNowRequest the value of {@link RunAnnotations#RUN_NOW}, if set
 */
public record PlanInput(String name, Instant creationTimestamp, ScheduleSettings settings, ScheduleMemory memory,
        List<ObservedRun> runs, Optional<String> runNowRequest) {
}

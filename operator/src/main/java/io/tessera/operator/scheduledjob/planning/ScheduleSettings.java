package io.tessera.operator.scheduledjob.planning;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.tessera.api.v1alpha1.scheduledjob.ScheduledJobSpec;
import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.spec.MissedRunPolicy;

/** The scheduling part of a ScheduledJob spec, with the API defaults applied. */
public record ScheduleSettings(String schedule, Optional<String> timeZone, boolean suspend,
        ConcurrencyPolicy concurrencyPolicy, Optional<Duration> startingDeadline, int successfulJobsHistoryLimit,
        int failedJobsHistoryLimit, MissedRunPolicy missedRunPolicy, int maxMissedRuns) {

    /** Defaults as in the CRD: Allow, 3 successful, 1 failed, RunLatest, 10 missed runs. */
    public static ScheduleSettings of(ScheduledJobSpec spec) {
        return new ScheduleSettings(Objects.requireNonNullElse(spec.getSchedule(), ""),
                Optional.ofNullable(spec.getTimeZone()), Boolean.TRUE.equals(spec.getSuspend()),
                Objects.requireNonNullElse(spec.getConcurrencyPolicy(), ConcurrencyPolicy.Allow),
                Optional.ofNullable(spec.getStartingDeadlineSeconds()).map(Duration::ofSeconds),
                Objects.requireNonNullElse(spec.getSuccessfulJobsHistoryLimit(), 3),
                Objects.requireNonNullElse(spec.getFailedJobsHistoryLimit(), 1),
                Objects.requireNonNullElse(spec.getMissedRunPolicy(), MissedRunPolicy.RunLatest),
                Objects.requireNonNullElse(spec.getMaxMissedRuns(), 10));
    }
}

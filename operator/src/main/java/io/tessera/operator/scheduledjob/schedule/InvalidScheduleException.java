package io.tessera.operator.scheduledjob.schedule;

/**
 * A schedule or time zone the operator cannot run. {@link #reason()} is the CamelCase reason the
 * Kubernetes CronJob controller uses for the same problem in its Warning event, so it can serve
 * as event reason and as reason of {@code ScheduleValid=False}.
 */
public final class InvalidScheduleException extends IllegalArgumentException {

    /** The schedule does not parse (CronJob event reason). */
    public static final String UNPARSEABLE_SCHEDULE = "UnparseableSchedule";
    /** {@code spec.timeZone} is not a known IANA zone (CronJob event reason). */
    public static final String UNKNOWN_TIME_ZONE = "UnknownTimeZone";
    /** The schedule parses but never fires, e.g. {@code 0 0 30 2 *} (CronJob event reason). */
    public static final String INVALID_SCHEDULE = "InvalidSchedule";

    private final String reason;

    public InvalidScheduleException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** CronJob's "time difference between two schedules is less than 1 second" case. */
    public static InvalidScheduleException neverFires() {
        return new InvalidScheduleException(INVALID_SCHEDULE,
                "the schedule does not fire twice within five years (e.g. a day that does not exist in that month)");
    }
}

package io.tessera.operator.scheduledjob.planning;

/**
 * A Kubernetes event to record on the ScheduledJob. Reasons are CronJob's where CronJob has the
 * same event ({@code TooManyMissedTimes}, {@code JobAlreadyActive}, {@code UnparseableSchedule},
 * {@code UnknownTimeZone}, {@code InvalidSchedule}, {@code SawCompletedJob}, {@code MissingJob},
 * {@code MissSchedule}), so that runbooks written for CronJob apply. Create and delete events
 * ({@code SuccessfulCreate}, {@code SuccessfulDelete}) belong to the reconciler, after the API call.
 */
public record PlanEvent(Type type, String reason, String message) {

    public enum Type {
        Normal,
        Warning
    }

    public static PlanEvent normal(String reason, String message) {
        return new PlanEvent(Type.Normal, reason, message);
    }

    public static PlanEvent warning(String reason, String message) {
        return new PlanEvent(Type.Warning, reason, message);
    }
}

package io.tessera.api.v1alpha1.scheduledjob.status;

/** Condition types a ScheduledJob reports. */
public final class ScheduledJobConditions {

    /** The schedule and time zone parse (False with a Warning event otherwise). */
    public static final String SCHEDULE_VALID = "ScheduleValid";
    public static final String SUSPENDED = "Suspended";
    /** At least one run is active. */
    public static final String ACTIVE = "Active";
    public static final String LAST_RUN_SUCCEEDED = "LastRunSucceeded";

    private ScheduledJobConditions() {
    }
}

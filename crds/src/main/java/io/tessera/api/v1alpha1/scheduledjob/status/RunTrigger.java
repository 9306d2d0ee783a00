package io.tessera.api.v1alpha1.scheduledjob.status;

/** What started a run. */
public enum RunTrigger {
    /** A cron tick. */
    Schedule,
    /** The run-now annotation or the gateway API. */
    Manual
}

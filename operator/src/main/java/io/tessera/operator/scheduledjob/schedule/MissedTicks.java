package io.tessera.operator.scheduledjob.schedule;

/**
 * How many ticks have passed unhandled, in the three classes of Kubernetes' cronjob
 * {@code missedSchedulesType}: more than 100 is "too many" and earns a {@code TooManyMissedTimes}
 * warning (the job still runs).
 */
public enum MissedTicks {
    NONE,
    FEW,
    MANY;

    /** CronJob's threshold: "somewhat arbitrarily picked 100, as more than 80, but less than lots". */
    public static final long TOO_MANY = 100;

    static MissedTicks of(long count) {
        return count > TOO_MANY ? MANY : count > 0 ? FEW : NONE;
    }
}

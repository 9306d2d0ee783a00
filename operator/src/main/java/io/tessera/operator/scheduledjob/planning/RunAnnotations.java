package io.tessera.operator.scheduledjob.planning;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The annotations of the run-now contract and of each run.
 *
 * <p>Run now: a user (or the gateway) sets {@link #RUN_NOW} on the ScheduledJob to any new value,
 * for example {@code kubectl annotate sj nightly tessera.io/run-now="$(date -u +%FT%TZ)" --overwrite}.
 * The operator processes each distinct value once: it starts a run named after the value (see
 * {@link RunNames#manual}) through the concurrency policy, then records the value in
 * {@link #RUN_NOW_HANDLED}. A value equal to the handled one, or whose run already exists or is
 * remembered in {@code status.recentRuns}, starts nothing, so the annotation can stay in Git.
 */
public final class RunAnnotations {

    /** On the ScheduledJob: the latest run-now request, any string. */
    public static final String RUN_NOW = "tessera.io/run-now";
    /** On the ScheduledJob, written by the operator: the request last processed. */
    public static final String RUN_NOW_HANDLED = "tessera.io/run-now-handled";
    /** On a run: its tick (or, for a manual run, when it was requested), RFC 3339 in the schedule's zone. */
    public static final String SCHEDULED_TIME = "tessera.io/scheduled-time";
    /** On a run: {@code Schedule} or {@code Manual}. */
    public static final String TRIGGER = "tessera.io/run-trigger";
    /** On a manual run: the run-now value that started it. */
    public static final String RUN_NOW_TOKEN = "tessera.io/run-now-token";

    private RunAnnotations() {
    }

    /** What a new run carries, read back by {@link PlanInputs} on later reconciles. */
    public static Map<String, String> of(PlannedRun run, ZoneId zone) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(SCHEDULED_TIME, Rfc3339.format(run.scheduledTime(), zone));
        annotations.put(TRIGGER, run.trigger().name());
        run.runNowToken().ifPresent(token -> annotations.put(RUN_NOW_TOKEN, token));
        return annotations;
    }
}

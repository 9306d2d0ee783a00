package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * CronJob's {@code cleanupFinishedJobs}: keep the newest {@code successfulJobsHistoryLimit}
 * succeeded and {@code failedJobsHistoryLimit} failed runs, delete the rest oldest first, manual
 * runs included (CronJob prunes Jobs made with {@code kubectl create job --from} too).
 */
public final class HistoryPruner {

    /** CronJob's {@code byJobStartTime}: by start time, runs without one last, ties by name. */
    static final Comparator<ObservedRun> OLDEST_FIRST = Comparator
            .comparing((ObservedRun run) -> run.startTime().orElse(null), Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(ObservedRun::name);

    private HistoryPruner() {
    }

    public static List<String> prune(List<ObservedRun> runs, int successfulLimit, int failedLimit) {
        List<String> names = new ArrayList<>(oldestBeyond(runs, RunPhase.Succeeded, successfulLimit));
        names.addAll(oldestBeyond(runs, RunPhase.Failed, failedLimit));
        return names;
    }

    private static List<String> oldestBeyond(List<ObservedRun> runs, RunPhase phase, int limit) {
        List<ObservedRun> finished = runs.stream().filter(run -> run.phase() == phase).sorted(OLDEST_FIRST).toList();
        return finished.subList(0, Math.max(0, finished.size() - limit)).stream().map(ObservedRun::name).toList();
    }
}

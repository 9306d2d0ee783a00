package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the observed runs say about the past, beside scheduling: CronJob's bookkeeping loop. */
final class RunObservations {

    /** Newest finished run: by completion, then start, then name. */
    private static final Comparator<ObservedRun> NEWEST_FINISHED = Comparator
            .comparing((ObservedRun run) -> run.completionTime().or(run::startTime).orElse(Instant.MIN))
            .thenComparing(ObservedRun::name);

    private RunObservations() {
    }

    /** CronJob's SawCompletedJob and MissingJob events for runs {@code status.active} still lists. */
    static List<PlanEvent> events(List<String> statusActive, List<ObservedRun> runs) {
        List<PlanEvent> events = new ArrayList<>();
        for (String name : statusActive) {
            Optional<ObservedRun> run = runs.stream().filter(candidate -> candidate.name().equals(name)).findFirst();
            if (run.isEmpty()) {
                events.add(PlanEvent.normal("MissingJob", "Active run went missing: " + name));
            } else if (run.get().finished()) {
                events.add(PlanEvent.normal("SawCompletedJob", "Saw completed run: " + name + ", status: " + run.get().phase()));
            }
        }
        return events;
    }

    /** CronJob keeps the latest completion of any succeeded run, listed as active or not. */
    static Optional<Instant> lastSuccessfulTime(Optional<Instant> known, List<ObservedRun> runs) {
        return Stream.concat(known.stream(), runs.stream().filter(run -> run.phase() == RunPhase.Succeeded)
                .flatMap(run -> run.completionTime().stream())).max(Comparator.naturalOrder());
    }

    static Optional<ObservedRun> lastFinished(List<ObservedRun> runs) {
        return runs.stream().filter(ObservedRun::finished).max(NEWEST_FINISHED);
    }
}

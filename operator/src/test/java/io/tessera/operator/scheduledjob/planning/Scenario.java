package io.tessera.operator.scheduledjob.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.spec.MissedRunPolicy;
import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

/** A ScheduledJob named "nightly" as the planner sees it, built step by step; UTC operator zone. */
final class Scenario {

    /** A Monday, on the hour. */
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private String schedule = "0 * * * *";
    private Optional<String> timeZone = Optional.empty();
    private boolean suspend;
    private ConcurrencyPolicy concurrency = ConcurrencyPolicy.Allow;
    private Optional<Duration> deadline = Optional.empty();
    private int successfulLimit = 3;
    private int failedLimit = 1;
    private MissedRunPolicy missedRunPolicy = MissedRunPolicy.RunLatest;
    private int maxMissedRuns = 10;
    private Instant created = T0.minusSeconds(1800);
    private Optional<Instant> lastScheduled = Optional.empty();
    private Optional<Instant> announced = Optional.empty();
    private Optional<Instant> lastSuccessful = Optional.empty();
    private Optional<Instant> lastSkipped = Optional.empty();
    private List<String> statusActive = List.of();
    private long missedRuns;
    private Set<String> recentRuns = Set.of();
    private Optional<String> handledRunNow = Optional.empty();
    private Optional<String> runNow = Optional.empty();
    private final List<ObservedRun> runs = new ArrayList<>();

    static Scenario hourly() {
        return new Scenario();
    }

    Scenario schedule(String value) { schedule = value; return this; }
    Scenario timeZone(String value) { timeZone = Optional.of(value); return this; }
    Scenario suspended() { suspend = true; return this; }
    Scenario concurrency(ConcurrencyPolicy value) { concurrency = value; return this; }
    Scenario deadlineSeconds(long value) { deadline = Optional.of(Duration.ofSeconds(value)); return this; }
    Scenario historyLimits(int successful, int failed) { successfulLimit = successful; failedLimit = failed; return this; }
    Scenario missedRunPolicy(MissedRunPolicy value, int max) { missedRunPolicy = value; maxMissedRuns = max; return this; }
    Scenario created(Instant value) { created = value; return this; }
    Scenario lastScheduled(Instant value) { lastScheduled = Optional.of(value); return this; }
    Scenario announced(Instant value) { announced = Optional.of(value); return this; }
    Scenario lastSuccessful(Instant value) { lastSuccessful = Optional.of(value); return this; }
    Scenario lastSkipped(Instant value) { lastSkipped = Optional.of(value); return this; }
    Scenario statusActive(String... names) { statusActive = List.of(names); return this; }
    Scenario missedRuns(long value) { missedRuns = value; return this; }
    Scenario recentRuns(String... names) { recentRuns = Set.of(names); return this; }
    Scenario handledRunNow(String value) { handledRunNow = Optional.of(value); return this; }
    Scenario runNow(String value) { runNow = Optional.of(value); return this; }
    Scenario run(ObservedRun run) { runs.add(run); return this; }

    PlanInput input() {
        ScheduleSettings settings = new ScheduleSettings(schedule, timeZone, suspend, concurrency, deadline, successfulLimit,
                failedLimit, missedRunPolicy, maxMissedRuns);
        ScheduleMemory memory = new ScheduleMemory(lastScheduled, announced, lastSuccessful, lastSkipped, statusActive,
                missedRuns, recentRuns, handledRunNow);
        return new PlanInput("nightly", created, settings, memory, List.copyOf(runs), runNow);
    }

    ScheduledJobPlan planAt(Instant now) {
        return new ScheduledJobPlanner(ZoneOffset.UTC).plan(input(), now);
    }

    static String runOf(Instant tick) {
        return RunNames.scheduled("nightly", tick);
    }

    static ObservedRun active(Instant tick) {
        return new ObservedRun(runOf(tick), RunTrigger.Schedule, Optional.of(tick), RunPhase.Active, Optional.of(tick),
                Optional.empty());
    }

    static ObservedRun finished(Instant tick, RunPhase phase, Instant completion) {
        return new ObservedRun(runOf(tick), RunTrigger.Schedule, Optional.of(tick), phase, Optional.of(tick),
                Optional.of(completion));
    }

    static Instant hours(double hours) {
        return T0.plusSeconds(Math.round(hours * 3600));
    }
}

package io.tessera.operator.scheduledjob.planning;

import static io.tessera.operator.scheduledjob.planning.Scenario.T0;
import static io.tessera.operator.scheduledjob.planning.Scenario.active;
import static io.tessera.operator.scheduledjob.planning.Scenario.finished;
import static io.tessera.operator.scheduledjob.planning.Scenario.hourly;
import static io.tessera.operator.scheduledjob.planning.Scenario.hours;
import static io.tessera.operator.scheduledjob.planning.Scenario.runOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

/** CronJob controller v2 behaviour, one rule per test, on an hourly schedule created at 09:30. */
class ScheduledJobPlannerTest {

    @Test
    void shouldWaitForTheFirstTickWithoutPolling() {
        ScheduledJobPlan plan = hourly().planAt(T0.minusSeconds(600));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.status().nextScheduleTime()).contains(T0);
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(600).plusMillis(100));
    }

    @Test
    void shouldStartTheDueTickNamedAfterItsMinuteAndWakeAtTheNextTick() {
        ScheduledJobPlan plan = hourly().planAt(T0.plusSeconds(2));

        assertThat(plan.runsToCreate()).containsExactly(new PlannedRun("nightly-29540760", T0, RunTrigger.Schedule, Optional.empty()));
        assertThat(plan.status().lastScheduleTime()).contains(T0);
        assertThat(plan.status().lastRun()).contains("nightly-29540760");
        assertThat(plan.status().active()).containsExactly("nightly-29540760");
        assertThat(plan.status().nextScheduleTime()).contains(hours(1));
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(3598).plusMillis(100));
        assertThat(plan.status().missedRuns()).isZero();
    }

    @Test
    void shouldRunOnlyTheMostRecentMissedTickAndCountTheOthersOnce() {
        ScheduledJobPlan plan = hourly().lastScheduled(T0).run(finished(T0, RunPhase.Succeeded, hours(0.5)))
                .missedRuns(7).planAt(hours(5) .plusSeconds(300));

        assertThat(plan.runsToCreate()).extracting(PlannedRun::name).containsExactly("nightly-29541060");
        assertThat(plan.status().missedRuns()).isEqualTo(7 + 4);
        assertThat(plan.status().skipped()).containsExactly(skipped(1, "Superseded"), skipped(2, "Superseded"),
                skipped(3, "Superseded"), skipped(4, "Superseded"));
        assertThat(plan.events()).extracting(PlanEvent::reason).containsExactly("MissSchedule");
        assertThat(plan.events().get(0).message()).isEqualTo("Missed 4 scheduled time(s), the latest 2026-03-02T14:00:00Z (Superseded)");
    }

    @Test
    void shouldNotCountTheSameMissedTicksAgainOnTheNextReconcile() {
        ScheduledJobPlan plan = hourly().lastScheduled(hours(5)).lastSkipped(hours(4)).missedRuns(11)
                .run(active(hours(5))).planAt(hours(5).plusSeconds(400));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.status().missedRuns()).isEqualTo(11);
        assertThat(plan.status().skipped()).isEmpty();
        assertThat(plan.events()).isEmpty();
    }

    @Test
    void shouldWarnAboutMoreThanAHundredMissedTicksAndStillRunTheLatest() {
        ScheduledJobPlan plan = hourly().planAt(hours(150).plusSeconds(60));

        assertThat(plan.runsToCreate()).extracting(PlannedRun::scheduledTime).containsExactly(hours(150));
        assertThat(plan.events()).extracting(PlanEvent::reason).containsExactly("TooManyMissedTimes", "MissSchedule");
        assertThat(plan.events().get(0).type()).isEqualTo(PlanEvent.Type.Warning);
        assertThat(plan.status().missedRuns()).isEqualTo(150);
        assertThat(plan.status().skipped()).hasSize(10).last().isEqualTo(skipped(149, "Superseded"));
    }

    @ParameterizedTest(name = "{0}s after the tick, deadline 600s: run {1}")
    // CronJob searches ticks after now - deadline: a tick exactly 600s late is already out.
    @CsvSource({ "300, true", "599, true", "600, false", "900, false" })
    void shouldStartATickOnlyWithinTheStartingDeadline(long lateBySeconds, boolean runs) {
        ScheduledJobPlan plan = hourly().deadlineSeconds(600).lastScheduled(T0).planAt(hours(1).plusSeconds(lateBySeconds));

        assertThat(plan.runsToCreate()).extracting(PlannedRun::scheduledTime).isEqualTo(runs ? List.of(hours(1)) : List.of());
        assertThat(plan.status().skipped()).isEqualTo(runs ? List.of() : List.of(skipped(1, "StartingDeadlineExceeded")));
        assertThat(plan.status().nextScheduleTime()).contains(hours(2));
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(3600 - lateBySeconds).plusMillis(100));
    }

    @Test
    void shouldKeepTheTickDueWhileARunIsActiveUnderForbid() {
        Scenario blocked = hourly().concurrency(ConcurrencyPolicy.Forbid).lastScheduled(T0).run(active(T0));

        ScheduledJobPlan plan = blocked.planAt(hours(1).plusSeconds(1));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.events()).extracting(PlanEvent::reason).containsExactly("JobAlreadyActive");
        assertThat(plan.status().lastScheduleTime()).contains(T0);
        assertThat(plan.status().missedRuns()).isZero();
        assertThat(plan.status().nextScheduleTime()).contains(hours(2));
    }

    @Test
    void shouldStartTheWaitingTickLateOnceTheActiveRunFinishesUnderForbid() {
        ScheduledJobPlan plan = hourly().concurrency(ConcurrencyPolicy.Forbid).lastScheduled(T0).statusActive(runOf(T0))
                .run(finished(T0, RunPhase.Succeeded, hours(1.3))).planAt(hours(1.3));

        assertThat(plan.runsToCreate()).extracting(PlannedRun::scheduledTime).containsExactly(hours(1));
        assertThat(plan.events()).extracting(PlanEvent::reason).containsExactly("SawCompletedJob");
    }

    @Test
    void shouldGiveUpAWaitingTickWhenTheNextOnePassesUnderForbid() {
        ScheduledJobPlan plan = hourly().concurrency(ConcurrencyPolicy.Forbid).lastScheduled(T0).run(active(T0))
                .planAt(hours(2).plusSeconds(1));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.status().skipped()).containsExactly(skipped(1, "Superseded"));
        assertThat(plan.status().missedRuns()).isEqualTo(1);
    }

    @Test
    void shouldDeleteTheActiveRunsAndStartTheNewOneUnderReplace() {
        ScheduledJobPlan plan = hourly().concurrency(ConcurrencyPolicy.Replace).lastScheduled(T0).run(active(T0))
                .planAt(hours(1).plusSeconds(1));

        assertThat(plan.runsToDelete()).containsExactly("nightly-29540760");
        assertThat(plan.runsToCreate()).extracting(PlannedRun::name).containsExactly("nightly-29540820");
        assertThat(plan.status().active()).containsExactly("nightly-29540820");
    }

    @Test
    void shouldLetRunsOverlapUnderAllow() {
        ScheduledJobPlan plan = hourly().lastScheduled(T0).run(active(T0)).planAt(hours(1).plusSeconds(1));

        assertThat(plan.runsToDelete()).isEmpty();
        assertThat(plan.status().active()).containsExactly("nightly-29540760", "nightly-29540820");
    }

    @Test
    void shouldNeitherRunNorWakeUpWhileSuspended() {
        ScheduledJobPlan plan = hourly().suspended().lastScheduled(T0).planAt(hours(3).plusSeconds(1));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.requeueAfter()).isEmpty();
        assertThat(plan.status().nextScheduleTime()).isEmpty();
        assertThat(plan.status().missedRuns()).isZero();
        assertThat(plan.conditions()).contains(new ConditionInput("Suspended", true, "Suspended",
                "spec.suspend is true: no runs are scheduled"));
    }

    @Test
    void shouldRunTheLatestTickMissedWhileSuspendedOnResumeAsCronJobDoes() {
        ScheduledJobPlan plan = hourly().lastScheduled(T0).planAt(hours(3.5));

        assertThat(plan.runsToCreate()).extracting(PlannedRun::scheduledTime).containsExactly(hours(3));
        assertThat(plan.status().missedRuns()).isEqualTo(2);
    }

    @Test
    void shouldNotCreateTheRunAgainWhenTheOperatorRestartedBeforeWritingStatus() {
        // The run of 11:00 exists, but status still says 10:00: CronJob's "already exists" path.
        Scenario restarted = hourly().concurrency(ConcurrencyPolicy.Forbid).lastScheduled(T0).run(active(hours(1)));

        ScheduledJobPlan plan = restarted.planAt(hours(1).plusSeconds(30));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.events()).isEmpty();
        assertThat(plan.status().lastScheduleTime()).contains(hours(1));
        assertThat(plan.status().active()).containsExactly("nightly-29540820");
        assertThat(plan.status().missedRuns()).isZero();
        assertThat(restarted.planAt(hours(1).plusSeconds(30))).isEqualTo(plan);
    }

    @Test
    void shouldNotRerunATickWhoseRunAlreadyFinishedBeforeStatusWasWritten() {
        ScheduledJobPlan plan = hourly().lastScheduled(T0).run(finished(hours(1), RunPhase.Failed, hours(1.1)))
                .planAt(hours(1.2));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.status().lastScheduleTime()).contains(hours(1));
    }

    @Test
    void shouldDecideTheSameWhenTheSameObservationIsPlannedTwice() {
        Scenario scenario = hourly().lastScheduled(T0).run(active(T0)).runNow("once");

        assertThat(scenario.planAt(hours(4.2))).isEqualTo(scenario.planAt(hours(4.2)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "61 * * * *  | UTC       | UnparseableSchedule | invalid minute field '61': end of range (61) above maximum (59)",
            "@every 5m   | UTC       | UnparseableSchedule | '@every 5m' is not supported: use a cron schedule such as '*/5 * * * *'",
            "0 * * * *   | Mars/Base | UnknownTimeZone     | unknown time zone 'Mars/Base': use an IANA name such as Europe/Berlin or America/New_York",
            "0 0 30 2 *  | UTC       | InvalidSchedule     | the schedule does not fire twice within five years (e.g. a day that does not exist in that month)" })
    void shouldReportABadScheduleInConditionAndEventInsteadOfFailing(String schedule, String zone, String reason, String message) {
        ScheduledJobPlan plan = hourly().schedule(schedule).timeZone(zone).lastScheduled(T0).planAt(hours(5));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.requeueAfter()).isEmpty();
        assertThat(plan.status().nextScheduleTime()).isEmpty();
        assertThat(plan.events()).containsExactly(PlanEvent.warning(reason, message));
        assertThat(plan.conditions()).contains(new ConditionInput("ScheduleValid", false, reason, message));
    }

    @Test
    void shouldReportFinishedAndMissingRunsAndTheLastOutcome() {
        ScheduledJobPlan plan = hourly().lastScheduled(hours(2)).statusActive(runOf(hours(1)), runOf(hours(2)), "gone")
                .lastSuccessful(T0.plusSeconds(60))
                .run(finished(hours(1), RunPhase.Succeeded, hours(1.5))).run(finished(hours(2), RunPhase.Failed, hours(2.5)))
                .planAt(hours(2.6));

        assertThat(plan.events()).containsExactly(
                PlanEvent.normal("SawCompletedJob", "Saw completed run: nightly-29540820, status: Succeeded"),
                PlanEvent.normal("SawCompletedJob", "Saw completed run: nightly-29540880, status: Failed"),
                PlanEvent.normal("MissingJob", "Active run went missing: gone"));
        assertThat(plan.status().lastSuccessfulTime()).contains(hours(1.5));
        assertThat(plan.status().active()).isEmpty();
        assertThat(plan.conditions()).containsExactly(
                new ConditionInput("ScheduleValid", true, "ScheduleValid", "schedule '0 * * * *' in time zone of the operator"),
                new ConditionInput("Suspended", false, "NotSuspended", "runs are scheduled"),
                new ConditionInput("Active", false, "NoActiveRuns", "no run is active"),
                new ConditionInput("LastRunSucceeded", false, "RunFailed", "nightly-29540880 failed"));
    }

    @Test
    void shouldPruneFinishedRunsBeyondTheHistoryLimits() {
        Scenario scenario = hourly().lastScheduled(hours(6));
        for (int hour = 0; hour <= 6; hour++) {
            scenario.run(finished(hours(hour), hour % 2 == 0 ? RunPhase.Succeeded : RunPhase.Failed, hours(hour + 0.5)));
        }

        ScheduledJobPlan plan = scenario.planAt(hours(6.7));

        // succeeded 0, 2, 4, 6 keep 3; failed 1, 3, 5 keep 1
        assertThat(plan.runsToPrune()).containsExactly(runOf(hours(0)), runOf(hours(1)), runOf(hours(3)));
    }

    private static SkippedTick skipped(int hour, String reason) {
        return new SkippedTick(hours(hour), RunTrigger.Schedule, reason);
    }

}

package io.tessera.operator.scheduledjob.planning;

import static io.tessera.operator.scheduledjob.planning.Scenario.T0;
import static io.tessera.operator.scheduledjob.planning.Scenario.active;
import static io.tessera.operator.scheduledjob.planning.Scenario.hourly;
import static io.tessera.operator.scheduledjob.planning.Scenario.hours;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

/** The run-now annotation contract (see RunAnnotations), between two ticks at 10:20. */
class RunNowTest {

    private static final Instant NOW = hours(1.0 / 3).plusMillis(250);
    private static final String TOKEN = "2026-03-02T10:20:00Z";
    private static final String MANUAL = RunNames.manual("nightly", TOKEN);

    @Test
    void shouldStartAManualRunOnceAndRememberTheRequest() {
        ScheduledJobPlan plan = hourly().lastScheduled(T0).runNow(TOKEN).planAt(NOW);

        assertThat(plan.runsToCreate()).containsExactly(
                new PlannedRun(MANUAL, hours(1.0 / 3), RunTrigger.Manual, Optional.of(TOKEN)));
        assertThat(plan.status().handledRunNow()).contains(TOKEN);
        assertThat(plan.status().lastRun()).contains(MANUAL);
        assertThat(plan.status().lastScheduleTime()).contains(T0);
        assertThat(hourly().lastScheduled(T0).runNow(TOKEN).handledRunNow(TOKEN).planAt(NOW).runsToCreate()).isEmpty();
    }

    @Test
    void shouldNotStartTheManualRunAgainAfterARestartOrAfterItWasPruned() {
        ObservedRun created = new ObservedRun(MANUAL, RunTrigger.Manual, Optional.of(hours(1.0 / 3)), RunPhase.Active,
                Optional.empty(), Optional.empty());

        ScheduledJobPlan afterRestart = hourly().lastScheduled(T0).runNow(TOKEN).run(created).planAt(NOW);
        ScheduledJobPlan afterPruning = hourly().lastScheduled(T0).runNow(TOKEN).recentRuns(MANUAL).planAt(NOW);

        assertThat(afterRestart.runsToCreate()).isEmpty();
        assertThat(afterRestart.status().handledRunNow()).contains(TOKEN);
        assertThat(afterPruning.runsToCreate()).isEmpty();
    }

    @Test
    void shouldRefuseTheRequestWhileARunIsActiveUnderForbid() {
        ScheduledJobPlan plan = hourly().concurrency(ConcurrencyPolicy.Forbid).lastScheduled(T0).run(active(T0))
                .runNow(TOKEN).planAt(NOW);

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.status().handledRunNow()).contains(TOKEN);
        assertThat(plan.status().skipped()).containsExactly(
                new SkippedTick(hours(1.0 / 3), RunTrigger.Manual, "ConcurrencyForbid"));
        assertThat(plan.events()).containsExactly(PlanEvent.warning("RunNowForbidden",
                "Not starting the requested run because nightly-29540760 is still active and concurrency policy is Forbid"));
        assertThat(plan.status().missedRuns()).isZero();
    }

    @Test
    void shouldStartTheRequestUnderForbidWhenNothingIsActive() {
        assertThat(hourly().concurrency(ConcurrencyPolicy.Forbid).lastScheduled(T0).runNow(TOKEN).planAt(NOW).runsToCreate())
                .extracting(PlannedRun::name).containsExactly(MANUAL);
    }

    @Test
    void shouldReplaceTheActiveRunUnderReplace() {
        ScheduledJobPlan plan = hourly().concurrency(ConcurrencyPolicy.Replace).lastScheduled(T0).run(active(T0))
                .runNow(TOKEN).planAt(NOW);

        assertThat(plan.runsToDelete()).containsExactly("nightly-29540760");
        assertThat(plan.runsToCreate()).extracting(PlannedRun::name).containsExactly(MANUAL);
        assertThat(plan.status().active()).containsExactly(MANUAL);
    }

    @Test
    void shouldServeARequestWithTheScheduledRunStartingAtTheSameTimeUnderForbid() {
        ScheduledJobPlan plan = hourly().concurrency(ConcurrencyPolicy.Forbid).lastScheduled(T0).runNow(TOKEN)
                .planAt(hours(1).plusSeconds(1));

        assertThat(plan.runsToCreate()).extracting(PlannedRun::trigger).containsExactly(RunTrigger.Schedule);
        assertThat(plan.events()).extracting(PlanEvent::reason).containsExactly("RunNowServedBySchedule");
        assertThat(plan.status().handledRunNow()).contains(TOKEN);
    }

    @Test
    void shouldStartBothUnderAllowAndAlsoWhenSuspended() {
        assertThat(hourly().lastScheduled(T0).runNow(TOKEN).planAt(hours(1).plusSeconds(1)).runsToCreate())
                .extracting(PlannedRun::trigger).containsExactly(RunTrigger.Schedule, RunTrigger.Manual);
        assertThat(hourly().suspended().lastScheduled(T0).runNow(TOKEN).planAt(NOW).runsToCreate())
                .extracting(PlannedRun::name).containsExactly(MANUAL);
    }

    @Test
    void shouldIgnoreABlankRequest() {
        assertThat(hourly().lastScheduled(T0).runNow("  ").planAt(NOW).status().handledRunNow()).isEmpty();
    }
}

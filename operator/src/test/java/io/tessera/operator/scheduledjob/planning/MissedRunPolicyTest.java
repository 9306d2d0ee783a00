package io.tessera.operator.scheduledjob.planning;

import static io.tessera.operator.scheduledjob.planning.Scenario.T0;
import static io.tessera.operator.scheduledjob.planning.Scenario.active;
import static io.tessera.operator.scheduledjob.planning.Scenario.hourly;
import static io.tessera.operator.scheduledjob.planning.Scenario.hours;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.spec.MissedRunPolicy;

/** Tessera's missedRunPolicy after the operator was down from 10:30 to 15:20 (ticks 11:00-15:00). */
class MissedRunPolicyTest {

    @ParameterizedTest(name = "{0}, max {1}, {2}")
    @CsvSource(delimiter = '|', value = {
            // policy  | max | concurrency | runs (hours after 10:00) | skipped: hour reason ...           | missed
            "RunLatest | 10  | Allow       | 5                        | 1 Superseded,2 Superseded,3 Superseded,4 Superseded | 4",
            "Skip      | 10  | Allow       | -                        | 1 MissedRunPolicySkip,2 MissedRunPolicySkip,3 MissedRunPolicySkip,4 MissedRunPolicySkip,5 MissedRunPolicySkip | 5",
            "RunAll    | 10  | Allow       | 1,2,3,4,5                | -                                  | 0",
            "RunAll    | 3   | Allow       | 3,4,5                    | 1 MaxMissedRunsExceeded,2 MaxMissedRunsExceeded | 2",
            "RunAll    | 10  | Forbid      | 1                        | -                                  | 0",
            "RunAll    | 10  | Replace     | 5                        | 1 Superseded,2 Superseded,3 Superseded,4 Superseded | 4" })
    void shouldRunWhatThePolicyAsksForAndAccountForTheRest(MissedRunPolicy policy, int max, ConcurrencyPolicy concurrency,
            String runs, String skipped, long missed) {
        ScheduledJobPlan plan = hourly().missedRunPolicy(policy, max).concurrency(concurrency).lastScheduled(T0)
                .announced(hours(1)).planAt(hours(5).plusSeconds(1200));

        assertThat(plan.runsToCreate()).extracting(PlannedRun::scheduledTime).isEqualTo(hoursOf(runs));
        assertThat(plan.status().skipped()).extracting(tick -> tick.scheduledTime() + " " + tick.reason())
                .isEqualTo(skippedOf(skipped));
        assertThat(plan.status().missedRuns()).isEqualTo(missed);
    }

    @Test
    void shouldRunTheRemainingCatchUpTicksOneByOneUnderForbid() {
        // RunAll + Forbid after the 11:00 catch-up run finished: 12:00 is next, 13:00-15:00 still wait.
        ScheduledJobPlan plan = hourly().missedRunPolicy(MissedRunPolicy.RunAll, 10).concurrency(ConcurrencyPolicy.Forbid)
                .lastScheduled(hours(1)).planAt(hours(5.5));

        assertThat(plan.runsToCreate()).extracting(PlannedRun::scheduledTime).containsExactly(hours(2));
        assertThat(plan.status().lastScheduleTime()).contains(hours(2));
        assertThat(plan.status().missedRuns()).isZero();
    }

    @Test
    void shouldRunAnAnnouncedTickUnderSkipButNotOneThatPassedWhileSuspended() {
        Scenario skip = hourly().missedRunPolicy(MissedRunPolicy.Skip, 10).lastScheduled(T0);

        assertThat(skip.announced(hours(1)).planAt(hours(1).plusSeconds(1)).runsToCreate())
                .extracting(PlannedRun::scheduledTime).containsExactly(hours(1));
        // While suspended no next time is announced, so after resuming 11:00 counts as missed.
        ScheduledJobPlan resumed = hourly().missedRunPolicy(MissedRunPolicy.Skip, 10).lastScheduled(T0)
                .planAt(hours(1).plusSeconds(600));
        assertThat(resumed.runsToCreate()).isEmpty();
        assertThat(resumed.status().skipped()).extracting(SkippedTick::reason).containsExactly("MissedRunPolicySkip");
        assertThat(resumed.status().nextScheduleTime()).contains(hours(2));
    }

    @Test
    void shouldNotRunATickAlreadyAccountedAsSkipped() {
        // 11:00 was recorded as skipped under Skip; switching to RunLatest must not run it after all.
        ScheduledJobPlan plan = hourly().lastScheduled(T0).lastSkipped(hours(1)).planAt(hours(1).plusSeconds(900));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.status().missedRuns()).isZero();
    }

    @Test
    void shouldKeepCatchUpTicksWaitingWhileARunIsActive() {
        ScheduledJobPlan plan = hourly().missedRunPolicy(MissedRunPolicy.RunAll, 10).concurrency(ConcurrencyPolicy.Forbid)
                .lastScheduled(hours(1)).run(active(hours(1))).planAt(hours(3.5));

        assertThat(plan.runsToCreate()).isEmpty();
        assertThat(plan.status().skipped()).isEmpty();
        assertThat(plan.status().missedRuns()).isZero();
    }

    private static List<Object> hoursOf(String list) {
        return list.equals("-") ? List.of()
                : Arrays.stream(list.split(",")).map(hour -> (Object) hours(Integer.parseInt(hour))).toList();
    }

    private static List<String> skippedOf(String list) {
        return list.equals("-") ? List.of()
                : Arrays.stream(list.split(",")).map(entry -> entry.split(" "))
                        .map(parts -> hours(Integer.parseInt(parts[0])) + " " + parts[1]).toList();
    }
}

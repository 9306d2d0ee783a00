package io.tessera.operator.scheduledjob.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A daily 02:30 job driven reconcile by reconcile (each at the requeue time the previous plan
 * asked for) across the transitions, as the operator would run it. robfig/cron v3 behaviour, and
 * so CronJob's: no run on the spring-forward day, two runs on the fall-back day.
 */
class DaylightSavingPlanTest {

    @Test
    void shouldSkipTheSpringForwardDayInBerlin() {
        assertThat(runs("30 2 * * *", "Europe/Berlin", "2026-03-27T12:00:00+01:00", "2026-03-31T12:00:00+02:00")).containsExactly(
                "nightly-29577690 2026-03-28T02:30+01:00", "nightly-29580510 2026-03-30T02:30+02:00",
                "nightly-29581950 2026-03-31T02:30+02:00");
    }

    @Test
    void shouldRunTwiceOnTheFallBackDayInBerlinWithTwoNames() {
        assertThat(runs("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00+02:00", "2026-10-26T12:00:00+01:00")).containsExactly(
                "nightly-29881470 2026-10-25T02:30+02:00", "nightly-29881530 2026-10-25T02:30+01:00",
                "nightly-29882970 2026-10-26T02:30+01:00");
    }

    @Test
    void shouldSkipTheSpringForwardDayAndRepeatTheFallBackHourInNewYork() {
        assertThat(runs("30 2 * * *", "America/New_York", "2026-03-07T12:00:00-05:00", "2026-03-09T12:00:00-04:00"))
                .extracting(run -> run.substring(run.indexOf(' ') + 1))
                .containsExactly("2026-03-09T02:30-04:00");
        assertThat(runs("30 1 * * *", "America/New_York", "2026-10-31T12:00:00-04:00", "2026-11-01T12:00:00-05:00"))
                .extracting(run -> run.substring(run.indexOf(' ') + 1))
                .containsExactly("2026-11-01T01:30-04:00", "2026-11-01T01:30-05:00");
    }

    /** Names and local times of the runs a daily job starts between two instants. */
    private static List<String> runs(String schedule, String zone, String from, String until) {
        Instant created = OffsetDateTime.parse(from).toInstant();
        Instant end = OffsetDateTime.parse(until).toInstant();
        Scenario job = Scenario.hourly().schedule(schedule).timeZone(zone).created(created);
        List<String> started = new ArrayList<>();
        Instant now = created;
        while (now.isBefore(end)) {
            ScheduledJobPlan plan = job.planAt(now);
            for (PlannedRun run : plan.runsToCreate()) {
                started.add(run.name() + " " + OffsetDateTime.ofInstant(run.scheduledTime(), ZoneId.of(zone)));
                job.run(new ObservedRun(run.name(), run.trigger(), Optional.of(run.scheduledTime()),
                        RunPhase.Succeeded, Optional.of(now), Optional.of(now)));
            }
            plan.status().lastScheduleTime().ifPresent(job::lastScheduled);
            plan.status().nextScheduleTime().ifPresent(job::announced);
            now = now.plus(plan.requeueAfter().orElseThrow());
        }
        return started;
    }
}

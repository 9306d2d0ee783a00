package io.tessera.operator.scheduledjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpec;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJob;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJobBuilder;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJobStatus;
import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.status.RunRecord;
import io.tessera.api.v1alpha1.scheduledjob.status.RunResult;
import io.tessera.operator.BatchIT;
import io.tessera.operator.common.Conditions;

/**
 * ScheduledJobs on the real control plane: runs on a live one-minute schedule, Forbid and Replace
 * through run-now requests (no waiting for ticks), and a bad schedule reported without a crash.
 */
@QuarkusTest
class ScheduledJobIT extends BatchIT {

    /** Once a year: no tick fires during a test, so only run-now requests start runs. */
    private static final String RARELY = "0 0 1 1 *";

    @Override
    protected String testNamespacePrefix() {
        return "scheduledjob";
    }

    @Test
    void shouldRunEveryMinuteKeepingTheHistoryLimit() {
        createScheduledJob("minutely", "*/1 * * * *", ConcurrencyPolicy.Allow, jobSpec().build());

        // Two ticks: at most two minutes and a bit, more when runs are slow on a busy machine. The
        // checks hold whether or not the next tick's run has started meanwhile.
        await().atMost(Duration.ofMinutes(5)).ignoreExceptions().untilAsserted(() -> {
            ScheduledJobStatus status = scheduledJob("minutely").getStatus();
            List<RunRecord> succeeded = status.getRecentRuns().stream()
                    .filter(r -> r.getResult() == RunResult.Succeeded).toList();
            assertThat(succeeded).hasSizeGreaterThanOrEqualTo(2);
            RunRecord newest = succeeded.get(0);
            Instant newestTick = Instant.ofEpochSecond(Long.parseLong(newest.getName().substring("minutely-".length())) * 60);
            Instant lastTick = Instant.parse(status.getLastScheduleTime());
            assertThat(lastTick).as("the newest tick").isAfterOrEqualTo(newestTick);
            assertThat(lastTick.getEpochSecond() % 60).as("a whole minute").isZero();
            assertThat(Instant.parse(status.getNextScheduleTime())).isEqualTo(lastTick.plusSeconds(60));
            assertThat(status.getLastSuccessfulTime()).isNotNull();
            assertThat(condition("minutely", "LastRunSucceeded")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            // successfulJobsHistoryLimit 1: only the newest finished run is kept
            assertThat(runs()).filteredOn(r -> r.getStatus() != null && r.getStatus().getPhase() == ArrayJobPhase.Succeeded)
                    .extracting(r -> r.getMetadata().getName()).containsExactly(newest.getName());
            assertThat(events("minutely", "SuccessfulCreate")).hasSizeGreaterThanOrEqualTo(1);
            assertThat(events("minutely", "SuccessfulDelete")).hasSizeGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void shouldRefuseARunNowWhileARunIsActiveUnderForbid() {
        createScheduledJob("forbid", RARELY, ConcurrencyPolicy.Forbid, stuck());
        runNow("forbid", "first");
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(runs()).hasSize(1);
            assertThat(scheduledJob("forbid").getStatus().getActiveCount()).isEqualTo(1);
        });
        String active = runs().get(0).getMetadata().getName();

        runNow("forbid", "second");

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            ScheduledJobStatus status = scheduledJob("forbid").getStatus();
            assertThat(status.getRecentRuns()).anySatisfy(r -> {
                assertThat(r.getResult()).isEqualTo(RunResult.Skipped);
                assertThat(r.getReason()).isEqualTo("ConcurrencyForbid");
            });
            assertThat(scheduledJob("forbid").getMetadata().getAnnotations()).containsEntry("tessera.io/run-now-handled", "second");
            assertThat(events("forbid", "RunNowForbidden")).hasSize(1);
        });
        assertThat(runs()).extracting(r -> r.getMetadata().getName()).containsExactly(active);
    }

    @Test
    void shouldReplaceTheActiveRunUnderReplace() {
        createScheduledJob("replace", RARELY, ConcurrencyPolicy.Replace, stuck());
        runNow("replace", "first");
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(runs()).hasSize(1));
        String first = runs().get(0).getMetadata().getName();

        runNow("replace", "second");

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(runs()).extracting(r -> r.getMetadata().getName()).hasSize(1).doesNotContain(first);
            ScheduledJobStatus status = scheduledJob("replace").getStatus();
            assertThat(status.getActive()).singleElement().satisfies(a -> assertThat(a.getName()).isNotEqualTo(first));
            assertThat(status.getRecentRuns()).anySatisfy(r -> {
                assertThat(r.getName()).isEqualTo(first);
                assertThat(r.getResult()).isEqualTo(RunResult.Failed);
                assertThat(r.getReason()).isEqualTo("Replaced");
            });
        });
    }

    @Test
    void shouldReportABadScheduleAndAnUnknownZoneWithoutCrashing() {
        createScheduledJob("bad-cron", "61 * * * *", ConcurrencyPolicy.Allow, jobSpec().build());
        ScheduledJob unknownZone = scheduledJobSpec("bad-zone", "*/1 * * * *", ConcurrencyPolicy.Allow, jobSpec().build());
        unknownZone.getSpec().setTimeZone("Mars/Olympus_Mons");
        client.resource(unknownZone).create();

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            for (String name : List.of("bad-cron", "bad-zone")) {
                assertThat(condition(name, "ScheduleValid")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
                assertThat(scheduledJob(name).getStatus().getNextScheduleTime()).isNull();
                assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                        .anyMatch(e -> name.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType()));
            }
        });
        assertThat(condition("bad-zone", "ScheduleValid").get().getReason()).isEqualTo("UnknownTimeZone");
        assertThat(runs()).isEmpty();
    }

    private static ArrayJobSpec stuck() {
        return jobSpec().editRunner().withTemplate(stuckRunner()).endRunner().build();
    }

    private ScheduledJob scheduledJobSpec(String name, String schedule, ConcurrencyPolicy policy, ArrayJobSpec spec) {
        return new ScheduledJobBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withSchedule(schedule).withConcurrencyPolicy(policy).withSuccessfulJobsHistoryLimit(1)
                .withNewJobTemplate().withSpec(spec).endJobTemplate().endSpec().build();
    }

    private void createScheduledJob(String name, String schedule, ConcurrencyPolicy policy, ArrayJobSpec spec) {
        client.resource(scheduledJobSpec(name, schedule, policy, spec)).create();
    }

    private void runNow(String name, String token) {
        client.resources(ScheduledJob.class).inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"tessera.io/run-now\":\"" + token + "\"}}}");
    }

    private ScheduledJob scheduledJob(String name) {
        return client.resources(ScheduledJob.class).inNamespace(namespace).withName(name).get();
    }

    private java.util.Optional<Condition> condition(String name, String type) {
        return Conditions.find(scheduledJob(name).getStatus().getConditions(), type);
    }

    /** Runs that are not being deleted. */
    private List<ArrayJob> runs() {
        return client.resources(ArrayJob.class).inNamespace(namespace).list().getItems().stream()
                .filter(r -> r.getMetadata().getDeletionTimestamp() == null).toList();
    }
}

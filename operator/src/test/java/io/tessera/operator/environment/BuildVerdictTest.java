package io.tessera.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpecBuilder;

class BuildVerdictTest {

    private static final EnvironmentContent CONTENT = EnvironmentContent.ofLists(
            new EnvironmentSpecBuilder().withPip(List.of("s3fs==2025.3.0")).build(), "tessera/worker:0.1.0");
    private static final String HASH = CONTENT.hash();

    @Test
    void shouldReportBuiltWithTheHashTheDurationAndTheJob() {
        EnvironmentReport report = BuildVerdict.of(CONTENT, Optional.of(job("Complete", null, "2026-12-07T10:00:00Z",
                "2026-12-07T10:00:14Z")), Optional.empty());

        assertThat(report.ready()).isTrue();
        assertThat(report.reason()).isEqualTo("Built");
        assertThat(report.message()).isEqualTo("environment " + HASH + " built in 14 s by Job tessera-env-" + HASH
                + " (pip: 1 package)");
        assertThat(report.mount()).contains(new EnvironmentMount(HASH, "environment.json"));
    }

    @Test
    void shouldPreferTheInstallersMessageAndSayHowToRetry() {
        Job failed = job("Failed", "Job has reached the specified backoff limit", "2026-12-07T10:00:00Z", null);

        EnvironmentReport report = BuildVerdict.of(CONTENT, Optional.of(failed),
                Optional.of("  × No solution found when resolving dependencies:\n  ╰─▶ Because nosuchpkg was not found\n"));

        assertThat(report.ready()).isFalse();
        assertThat(report.failed()).isTrue();
        assertThat(report.reason()).isEqualTo("BuildFailed");
        assertThat(report.message()).contains("Because nosuchpkg was not found")
                .doesNotContain("backoff limit")
                .endsWith("delete Job tessera-env-" + HASH + " or change spec.environment");
        assertThat(report.eventReason()).isEqualTo("EnvironmentBuildFailed");
    }

    @Test
    void shouldFallBackToTheJobsMessageWithoutATerminationMessage() {
        Job failed = job("Failed", "Job was active longer than specified deadline", "2026-12-07T10:00:00Z", null);

        assertThat(BuildVerdict.of(CONTENT, Optional.of(failed), Optional.of("  ")).message())
                .contains("Job was active longer than specified deadline")
                .endsWith("delete Job tessera-env-" + HASH + " or change spec.environment");
    }

    @Test
    void shouldReportBuildingUntilTheJobFinished() {
        for (Optional<Job> job : List.of(Optional.<Job>empty(), Optional.of(job(null, null, "2026-12-07T10:00:00Z",
                null)))) {
            EnvironmentReport report = BuildVerdict.of(CONTENT, job, Optional.empty());
            assertThat(report.ready()).isFalse();
            assertThat(report.failed()).isFalse();
            assertThat(report.reason()).isEqualTo("Building");
            assertThat(report.message()).contains("Job tessera-env-" + HASH);
        }
    }

    @Test
    void shouldWriteDurationsInHumanUnits() {
        assertThat(HumanDuration.format(Duration.ofSeconds(0))).isEqualTo("0 s");
        assertThat(HumanDuration.format(Duration.ofSeconds(14))).isEqualTo("14 s");
        assertThat(HumanDuration.format(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(HumanDuration.format(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(HumanDuration.format(Duration.ofSeconds(3780))).isEqualTo("1 h 3 min");
        assertThat(HumanDuration.format(Duration.ofSeconds(-3))).isEqualTo("0 s");
    }

    @Test
    void shouldRetryOnlyProblemsNoWatchedObjectEnds() {
        assertThat(EnvironmentReport.problem("LockfileNotFound", "x").retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(EnvironmentReport.problem("CacheUnavailable", "x").retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(EnvironmentReport.problem("CondaUnavailable", "x").retryAfter()).isEmpty();
        assertThat(EnvironmentReport.problem("CondaUnavailable", "x").failed()).isTrue();
    }

    private static Job job(String condition, String message, String start, String end) {
        JobBuilder job = new JobBuilder().withNewMetadata().withName("tessera-env-" + HASH).endMetadata()
                .withNewStatus().withStartTime(start).withCompletionTime(end).endStatus();
        if (condition != null) {
            job.editStatus().addNewCondition().withType(condition).withStatus("True").withMessage(message)
                    .withReason("BackoffLimitExceeded").endCondition().endStatus();
        }
        return job.build();
    }
}

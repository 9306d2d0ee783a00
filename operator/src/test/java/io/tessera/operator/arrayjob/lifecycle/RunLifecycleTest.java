package io.tessera.operator.arrayjob.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.api.v1alpha1.common.Condition;

/** The run's life as a pure function: each step of a run, observed as the reconciler would see it. */
class RunLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    @Test
    void shouldCreateTheClusterFirst() {
        RunStep step = RunLifecycle.decide(new RunObservation(run(null), Optional.empty(), Optional.empty()), T0);

        assertThat(step.phase()).isEqualTo(ArrayJobPhase.Provisioning);
        assertThat(step.createCluster()).isTrue();
        assertThat(step.createRunner()).as("no scheduler address yet").isFalse();
        assertThat(step.startTime()).isEqualTo(T0);
        assertThat(step.recheckAfter()).as("the default provisioning deadline").contains(Duration.ofSeconds(601));
    }

    @Test
    void shouldCreateTheRunnerOnceTheClusterHasAnAddressAndResumeItOnlyWhenReady() {
        RunStep pending = RunLifecycle.decide(new RunObservation(run(started()), cluster(ArrayClusterPhase.Provisioning, false),
                Optional.empty()), T0.plusSeconds(5));
        assertThat(pending.createRunner()).isTrue();
        assertThat(pending.resumeRunner()).isFalse();

        RunStep notReady = RunLifecycle.decide(new RunObservation(run(started()), cluster(ArrayClusterPhase.Provisioning, false),
                job(true)), T0.plusSeconds(6));
        assertThat(notReady.resumeRunner()).isFalse();
        assertThat(notReady.phase()).isEqualTo(ArrayJobPhase.Provisioning);

        RunStep ready = RunLifecycle.decide(new RunObservation(run(started()), cluster(ArrayClusterPhase.Running, true),
                job(true)), T0.plusSeconds(7));
        assertThat(ready.resumeRunner()).isTrue();
        assertThat(ready.phase()).isEqualTo(ArrayJobPhase.Running);
        assertThat(ready.recheckAfter()).isEmpty();
    }

    @Test
    void shouldFailAtTheProvisioningDeadlineButNotOnceTheRunnerRuns() {
        ArrayJob run = run(started());
        run.getSpec().setProvisioningDeadlineSeconds(60L);

        RunStep before = RunLifecycle.decide(new RunObservation(run, cluster(ArrayClusterPhase.Provisioning, false), job(true)),
                T0.plusSeconds(59));
        RunStep at = RunLifecycle.decide(new RunObservation(run, cluster(ArrayClusterPhase.Provisioning, false), job(true)),
                T0.plusSeconds(60));
        RunStep resumed = RunLifecycle.decide(new RunObservation(run, cluster(ArrayClusterPhase.Provisioning, false), job(false)),
                T0.plusSeconds(600));

        assertThat(before.phase()).isEqualTo(ArrayJobPhase.Provisioning);
        assertThat(before.recheckAfter()).contains(Duration.ofSeconds(2));
        assertThat(at.phase()).isEqualTo(ArrayJobPhase.Failed);
        assertThat(at.failure()).hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo("ProvisioningDeadlineExceeded"));
        assertThat(at.newlyFinished()).isTrue();
        assertThat(resumed.phase()).as("activeDeadlineSeconds is the Job's from here").isEqualTo(ArrayJobPhase.Running);
    }

    @Test
    void shouldReadTheOutcomeOffTheJob() {
        Job complete = finishedJob("Complete", null);
        complete.getStatus().setSucceeded(1);
        complete.getStatus().setFailed(1);
        complete.getStatus().setCompletionTime("2026-03-01T02:05:00Z");
        RunStep succeeded = RunLifecycle.decide(new RunObservation(run(started()), cluster(ArrayClusterPhase.Running, true),
                Optional.of(complete)), T0.plusSeconds(400));
        RunStep failed = RunLifecycle.decide(new RunObservation(run(started()), cluster(ArrayClusterPhase.Running, true),
                Optional.of(finishedJob("Failed", "BackoffLimitExceeded"))), T0.plusSeconds(400));

        assertThat(succeeded.phase()).isEqualTo(ArrayJobPhase.Succeeded);
        assertThat(succeeded.completionTime()).contains(Instant.parse("2026-03-01T02:05:00Z"));
        assertThat(succeeded.attempts()).isEqualTo(2);
        assertThat(failed.failure()).hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo("BackoffLimitExceeded"));
    }

    @Test
    void shouldFailWithTheClusterAndStopARunningRunner() {
        RunStep step = RunLifecycle.decide(new RunObservation(run(started()), cluster(ArrayClusterPhase.Failed, false),
                job(false)), T0.plusSeconds(100));

        assertThat(step.phase()).isEqualTo(ArrayJobPhase.Failed);
        assertThat(step.failure()).hasValueSatisfying(f -> {
            assertThat(f.reason()).isEqualTo("ClusterFailed");
            assertThat(f.message()).contains("SchedulerFailed");
        });
        assertThat(step.stopRunner()).isTrue();
    }

    @Test
    void shouldFailWithTheEnvironmentsOwnReasonAndMessage() {
        for (String reason : List.of("BuildFailed", "CondaUnavailable")) {
            Optional<ArrayCluster> cluster = cluster(ArrayClusterPhase.Failed, false);
            String message = "building environment 0123456789ab failed: No solution found: nosuchpkg was not found";
            cluster.get().getStatus().setConditions(List.of(new Condition("Ready", "False", reason, message,
                    T0.toString(), 1L)));

            RunStep step = RunLifecycle.decide(new RunObservation(run(started()), cluster, Optional.empty()),
                    T0.plusSeconds(100));

            assertThat(step.phase()).isEqualTo(ArrayJobPhase.Failed);
            assertThat(step.failure()).hasValueSatisfying(f -> {
                assertThat(f.reason()).isEqualTo(reason);
                assertThat(f.message()).isEqualTo(message);
            });
        }
    }

    @Test
    void shouldHoldAFinishedRun() {
        ArrayJobStatus status = started();
        status.setPhase(ArrayJobPhase.Failed);
        status.setFailureReason("ClusterFailed");
        status.setCompletionTime("2026-03-01T02:01:00Z");

        RunStep step = RunLifecycle.decide(new RunObservation(run(status), Optional.empty(), job(true)), T0.plusSeconds(900));

        assertThat(step.phase()).isEqualTo(ArrayJobPhase.Failed);
        assertThat(step.newlyFinished()).isFalse();
        assertThat(step.createCluster()).as("a finished run never recreates its cluster").isFalse();
        assertThat(step.completionTime()).contains(Instant.parse("2026-03-01T02:01:00Z"));
    }

    private static ArrayJob run(ArrayJobStatus status) {
        ArrayJob run = new ArrayJobBuilder().withNewMetadata().withName("nightly").withNamespace("team-a").endMetadata()
                .withNewSpec().withNewRunner().withCommand("true").endRunner().endSpec().build();
        run.setStatus(status);
        return run;
    }

    private static ArrayJobStatus started() {
        ArrayJobStatus status = new ArrayJobStatus();
        status.setPhase(ArrayJobPhase.Provisioning);
        status.setStartTime(T0.toString());
        return status;
    }

    private static Optional<ArrayCluster> cluster(ArrayClusterPhase phase, boolean ready) {
        ArrayClusterStatus status = new ArrayClusterStatus();
        status.setPhase(phase);
        status.setSchedulerAddress("tls://nightly-dask-scheduler.team-a.svc:8786");
        status.setConditions(List.of(new Condition("Ready", ready ? "True" : "False",
                phase == ArrayClusterPhase.Failed ? "SchedulerFailed" : "Provisioning", "", T0.toString(), 1L)));
        ArrayCluster cluster = new ArrayClusterBuilder().withNewMetadata().withName("nightly-dask").endMetadata().build();
        cluster.setStatus(status);
        return Optional.of(cluster);
    }

    private static Optional<Job> job(boolean suspended) {
        return Optional.of(new JobBuilder().withNewMetadata().withName("nightly").endMetadata().withNewSpec()
                .withSuspend(suspended).endSpec().withNewStatus().endStatus().build());
    }

    private static Job finishedJob(String type, String reason) {
        return new JobBuilder(job(false).get()).editStatus().withConditions(new JobConditionBuilder().withType(type)
                .withStatus("True").withReason(reason).build()).endStatus().build();
    }
}

package io.tessera.operator.arraycluster.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerRecovery;
import io.tessera.operator.arraycluster.lifecycle.SchedulerAction.Kind;
import io.tessera.operator.arraycluster.scaling.WorkerState;

class SchedulerLifecycleTest {

    private static final Instant CREATED = Instant.parse("2026-11-24T12:00:00Z");
    private static final SchedulerLifecycle.Policy RECREATE_TWICE = new SchedulerLifecycle.Policy(
            SchedulerRecovery.Recreate, 2, Duration.ofMinutes(10));
    private static final SchedulerLifecycle.History FRESH = new SchedulerLifecycle.History(false, 0);
    private static final SchedulerLifecycle.History RUNNING = new SchedulerLifecycle.History(true, 0);

    @Test
    void shouldCreateTheFirstScheduler() {
        assertThat(decide(RECREATE_TWICE, FRESH, SchedulerObservation.absent(), CREATED).kind()).isEqualTo(Kind.Create);
    }

    @Test
    void shouldKeepAHealthyOrStartingScheduler() {
        assertThat(decide(RECREATE_TWICE, RUNNING, pod(WorkerState.Running, true), CREATED.plusSeconds(3600)).kind())
                .isEqualTo(Kind.Keep);
        assertThat(decide(RECREATE_TWICE, RUNNING, pod(WorkerState.Pending, false), CREATED.plusSeconds(599)).kind())
                .isEqualTo(Kind.Keep);
    }

    @Test
    void shouldFailWhenTheSchedulerIsNotReadyWithinTheProvisioningTimeout() {
        SchedulerAction action = decide(RECREATE_TWICE, RUNNING, pod(WorkerState.Pending, false), CREATED.plusSeconds(600));

        assertThat(action.kind()).isEqualTo(Kind.Fail);
        assertThat(action.failure()).get().extracting(Failure::reason).isEqualTo(Failure.PROVISIONING_TIMEOUT);
        assertThat(action.failure().get().message()).contains("PT10M");
    }

    @Test
    void shouldRecreateAFailedOrVanishedSchedulerWithinTheRestartBudget() {
        assertThat(decide(RECREATE_TWICE, RUNNING, pod(WorkerState.Failed, false), CREATED).kind()).isEqualTo(Kind.Recreate);
        assertThat(decide(RECREATE_TWICE, new SchedulerLifecycle.History(true, 1), SchedulerObservation.absent(), CREATED)
                .kind()).isEqualTo(Kind.Recreate);
        assertThat(decide(RECREATE_TWICE, RUNNING, pod(WorkerState.Succeeded, false), CREATED).kind())
                .as("a scheduler that exited is gone too").isEqualTo(Kind.Recreate);
    }

    @Test
    void shouldFailOnceTheRestartBudgetIsSpent() {
        SchedulerAction action = decide(RECREATE_TWICE, new SchedulerLifecycle.History(true, 2),
                pod(WorkerState.Failed, false), CREATED);

        assertThat(action.kind()).isEqualTo(Kind.Fail);
        assertThat(action.failure().get().reason()).isEqualTo(Failure.SCHEDULER_RESTART_LIMIT);
        assertThat(action.failure().get().message()).contains("after 2 restarts").contains("schedulerRestartLimit is 2");
    }

    @Test
    void shouldFailAtTheFirstFailureUnderTheFailPolicy() {
        SchedulerLifecycle.Policy fail = new SchedulerLifecycle.Policy(SchedulerRecovery.Fail, 5, Duration.ofMinutes(10));

        SchedulerAction action = decide(fail, RUNNING, SchedulerObservation.absent(), CREATED);

        assertThat(action.kind()).isEqualTo(Kind.Fail);
        assertThat(action.failure().get().reason()).isEqualTo(Failure.SCHEDULER_FAILED);
        assertThat(action.failure().get().message()).contains("disappeared");
    }

    @Test
    void shouldWaitForATerminatingSchedulerToGoAwayEvenPastTheTimeout() {
        assertThat(decide(RECREATE_TWICE, RUNNING, pod(WorkerState.Terminating, false), CREATED.plusSeconds(7200)).kind())
                .isEqualTo(Kind.Keep);
    }

    @Test
    void shouldSayWhenAPendingSchedulerRunsOutOfTime() {
        assertThat(SchedulerLifecycle.untilProvisioningTimeout(RECREATE_TWICE, pod(WorkerState.Pending, false),
                CREATED.plusSeconds(540))).contains(Duration.ofSeconds(60));
        assertThat(SchedulerLifecycle.untilProvisioningTimeout(RECREATE_TWICE, pod(WorkerState.Running, true),
                CREATED.plusSeconds(540))).isEmpty();
    }

    private static SchedulerAction decide(SchedulerLifecycle.Policy policy, SchedulerLifecycle.History history,
            SchedulerObservation observation, Instant now) {
        return SchedulerLifecycle.decide(policy, history, observation, now);
    }

    private static SchedulerObservation pod(WorkerState state, boolean ready) {
        return new SchedulerObservation(Optional.of(state), ready, Optional.of(CREATED));
    }
}

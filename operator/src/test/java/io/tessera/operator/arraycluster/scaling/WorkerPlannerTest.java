package io.tessera.operator.arraycluster.scaling;

import static io.tessera.operator.arraycluster.scaling.WorkerState.Failed;
import static io.tessera.operator.arraycluster.scaling.WorkerState.Pending;
import static io.tessera.operator.arraycluster.scaling.WorkerState.Running;
import static io.tessera.operator.arraycluster.scaling.WorkerState.Succeeded;
import static io.tessera.operator.arraycluster.scaling.WorkerState.Terminating;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class WorkerPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void shouldDoNothingAtTheTarget() {
        assertThat(WorkerPlanner.plan(2, List.of(running("a", 0), running("b", 1)), 10).isEmpty()).isTrue();
    }

    @Test
    void shouldCreateTheMissingWorkersInBatches() {
        assertThat(WorkerPlanner.plan(5, List.of(running("a", 0)), 10)).isEqualTo(new WorkerPlan(4, List.of(), 0));
        assertThat(WorkerPlanner.plan(100, List.of(), 16)).isEqualTo(new WorkerPlan(16, List.of(), 0));
    }

    @Test
    void shouldReplaceFailedAndRemoveFinishedWorkers() {
        WorkerPlan plan = WorkerPlanner.plan(3, List.of(running("a", 0), worker("b", Failed, false, 1),
                worker("c", Succeeded, false, 2), running("d", 3)), 10);

        assertThat(plan).isEqualTo(new WorkerPlan(1, List.of("b", "c"), 0));
    }

    @Test
    void shouldDropPendingWorkersNewestFirstBeforeRetiringRunningOnes() {
        WorkerPlan plan = WorkerPlanner.plan(2, List.of(running("a", 0), running("b", 1), running("c", 2),
                pending("p-old", 3), pending("p-new", 4)), 10);

        assertThat(plan).isEqualTo(new WorkerPlan(0, List.of("p-new", "p-old"), 1));
    }

    @Test
    void shouldLeaveRunningWorkersToTheScheduler() {
        WorkerPlan plan = WorkerPlanner.plan(1, List.of(running("a", 0), running("b", 1), running("c", 2)), 10);

        assertThat(plan.deleteNow()).isEmpty();
        assertThat(plan.retire()).isEqualTo(2);
    }

    @Test
    void shouldNotCountRetiringOrTerminatingWorkers() {
        List<ObservedWorker> observed = List.of(running("a", 0), worker("b", Running, true, 1),
                worker("c", Terminating, false, 2));

        assertThat(WorkerPlanner.plan(1, observed, 10).isEmpty()).isTrue();
        assertThat(WorkerPlanner.plan(2, observed, 10)).isEqualTo(new WorkerPlan(1, List.of(), 0));
    }

    @Test
    void shouldRejectNonsense() {
        assertThatThrownBy(() -> WorkerPlanner.plan(-1, List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkerPlanner.plan(1, List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ObservedWorker running(String name, int minute) {
        return worker(name, Running, false, minute);
    }

    private static ObservedWorker pending(String name, int minute) {
        return worker(name, Pending, false, minute);
    }

    private static ObservedWorker worker(String name, WorkerState state, boolean retiring, int minute) {
        return new ObservedWorker(name, state, retiring, T0.plusSeconds(60L * minute));
    }
}

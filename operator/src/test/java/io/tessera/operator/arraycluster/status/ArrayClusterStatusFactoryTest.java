package io.tessera.operator.arraycluster.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.desired.SchedulerPodFactory;
import io.tessera.operator.arraycluster.desired.WorkerGroup;
import io.tessera.operator.arraycluster.desired.WorkerPodFactory;
import io.tessera.operator.arraycluster.lifecycle.Failure;
import io.tessera.operator.common.Conditions;
import io.tessera.operator.arraycluster.desired.PodSecurity;

/** Status from pods, over a fixed clock. Pods come from the real desired-state factories. */
class ArrayClusterStatusFactoryTest {

    private static final Clock T0 = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    private static final Clock T1 = Clock.fixed(Instant.parse("2026-11-24T12:03:00Z"), ZoneOffset.UTC);

    private final ArrayCluster cluster = new ArrayClusterBuilder()
            .withNewMetadata().withName("demo").withNamespace("team").withUid("u1").withGeneration(3L).endMetadata()
            .withNewSpec().withNewWorker().withMinReplicas(1).withMaxReplicas(4).withReplicas(2)
            .withResources(new ResourceRequirementsBuilder()
                    .addToLimits("cpu", new Quantity("1500m"))
                    .addToLimits("memory", new Quantity("4Gi")).build())
            .endWorker().endSpec().build();

    @Test
    void shouldReportPendingWithoutASchedulerPod() {
        ArrayClusterStatus status = status(T0, List.of(), Map.of("default", 2), Optional.empty());

        assertThat(status.getPhase()).isEqualTo(ArrayClusterPhase.Pending);
        assertThat(status.getObservedGeneration()).isEqualTo(3);
        assertThat(condition(status, "SchedulerReady").getReason()).isEqualTo("SchedulerPodMissing");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(status.getRequested().getCpu()).isEqualTo("0");
    }

    @Test
    void shouldBeReadyWithTheSchedulerAndTheMinimumWorkersReady() {
        List<Pod> pods = List.of(ready(scheduler()), ready(worker("a")), pending(worker("b")));

        ArrayClusterStatus status = status(T0, pods, Map.of("default", 2), Optional.empty());

        assertThat(status.getPhase()).isEqualTo(ArrayClusterPhase.Scaling);
        assertThat(Conditions.isTrue(status.getConditions(), "Ready")).isTrue();
        assertThat(Conditions.isTrue(status.getConditions(), "WorkersReady")).isFalse();
        assertThat(condition(status, "WorkersReady").getMessage()).isEqualTo("default: 1/2 ready");
        assertThat(status.getReplicas()).isEqualTo(2);
        assertThat(status.getReadyWorkers()).isEqualTo(1);
        assertThat(status.getDesiredWorkers()).isEqualTo(2);
        assertThat(status.getWorkerGroups()).singleElement().satisfies(g -> {
            assertThat(g.getPending()).isEqualTo(1);
            assertThat(g.getCurrent()).isEqualTo(2);
        });
        assertThat(status.getSelector()).isEqualTo("app.kubernetes.io/component=worker,app.kubernetes.io/instance=demo,"
                + "app.kubernetes.io/name=dask,tessera.io/cluster=demo,tessera.io/worker-group=default");
        assertThat(status.getRequested().getCpu()).isEqualTo("3");
        assertThat(status.getRequested().getMemory()).isEqualTo("8Gi");
        assertThat(status.getReadyTime()).isEqualTo("2026-11-24T12:00:00Z");
        assertThat(status.getSchedulerAddress()).isEqualTo("tls://demo-scheduler.team.svc:8786");
    }

    @Test
    void shouldKeepTransitionTimesAndReadyTimeWhenNothingChanges() {
        List<Pod> pods = List.of(ready(scheduler()), ready(worker("a")), ready(worker("b")));
        ArrayClusterStatus first = status(T0, pods, Map.of("default", 2), Optional.empty());
        cluster.setStatus(first);

        ArrayClusterStatus second = status(T1, pods, Map.of("default", 2), Optional.empty());

        assertThat(second.getPhase()).isEqualTo(ArrayClusterPhase.Running);
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
    }

    @Test
    void shouldNotCountRetiringOrFinishedWorkers() {
        Pod retiring = ready(worker("c"));
        retiring.getMetadata().setAnnotations(Map.of(PodStates.RETIRING_ANNOTATION, "true"));
        Pod failed = worker("d");
        failed.setStatus(new PodStatusBuilder().withPhase("Failed").build());
        List<Pod> pods = List.of(ready(scheduler()), ready(worker("a")), retiring, failed);

        ArrayClusterStatus status = status(T0, pods, Map.of("default", 1), Optional.empty());

        assertThat(status.getWorkerGroups()).singleElement().satisfies(g -> {
            assertThat(g.getCurrent()).isEqualTo(1);
            assertThat(g.getReady()).isEqualTo(1);
            assertThat(g.getRetiring()).isEqualTo(1);
        });
        assertThat(status.getPhase()).isEqualTo(ArrayClusterPhase.Scaling);
        assertThat(status.getRequested().getCpu()).isEqualTo("3");
    }

    @Test
    void shouldSayWhenTheSchedulerApiCannotBeReached() {
        ArrayClusterStatus status = status(T0, List.of(ready(scheduler())),
                Map.of("default", 1), Optional.of("GET http://demo-scheduler.team.svc:8787/api/v1/get_workers failed"));

        assertThat(condition(status, "AutoscalerHealthy").getStatus()).isEqualTo("False");
        assertThat(condition(status, "AutoscalerHealthy").getReason()).isEqualTo("SchedulerUnreachable");
        assertThat(condition(status, "AutoscalerHealthy").getMessage()).contains("demo-scheduler.team.svc:8787")
                .contains("no worker is removed");
    }

    @Test
    void shouldReportSuspension() {
        cluster.getSpec().setSuspend(true);

        ArrayClusterStatus status = status(T0, List.of(), Map.of(), Optional.empty());

        assertThat(status.getPhase()).isEqualTo(ArrayClusterPhase.Suspended);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("Suspended");
        assertThat(Conditions.isTrue(status.getConditions(), "Suspended")).isTrue();
    }

    private static final Optional<String> DASHBOARD = Optional.of("http://demo-scheduler.team.svc:8787/status");

    private ArrayClusterStatus status(Clock clock, List<Pod> pods, Map<String, Integer> desired, Optional<String> problem) {
        return new ArrayClusterStatusFactory(clock).status(cluster, new StatusInputs(pods, desired, problem,
                Optional.empty(), 0, false, Optional.empty(), DASHBOARD));
    }

    @Test
    void shouldReportTheDashboardOnlyWhileTheClusterRuns() {
        assertThat(status(T0, List.of(ready(scheduler())), Map.of("default", 0), Optional.empty()).getDashboardUrl())
                .isEqualTo("http://demo-scheduler.team.svc:8787/status");
        cluster.getSpec().setSuspend(true);
        assertThat(status(T0, List.of(), Map.of(), Optional.empty()).getDashboardUrl()).isNull();
    }

    @Test
    void shouldReportAFailureAsPhaseReadyReasonAndDegraded() {
        ArrayClusterStatus status = new ArrayClusterStatusFactory(T0).status(cluster, new StatusInputs(List.of(),
                Map.of("default", 2), Optional.empty(), Optional.of(new Failure(Failure.PROVISIONING_TIMEOUT,
                        "the scheduler pod was not ready within lifecycle.provisioningTimeout (PT10M)")),
                2, false, Optional.empty(), Optional.empty()));

        assertThat(status.getPhase()).isEqualTo(ArrayClusterPhase.Failed);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("ProvisioningTimeout");
        assertThat(condition(status, "Ready").getMessage()).contains("provisioningTimeout");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
        assertThat(status.getSchedulerRestarts()).isEqualTo(2);
        assertThat(status.getStartTime()).isNull();
    }

    @Test
    void shouldReportIdlenessWithItsStartAndWhetherTheTimeoutPassed() {
        Instant since = Instant.parse("2026-11-24T11:58:30.250Z");
        List<Pod> pods = List.of(ready(scheduler()), ready(worker("a")), ready(worker("b")));

        ArrayClusterStatus waiting = new ArrayClusterStatusFactory(T0).status(cluster, new StatusInputs(pods,
                Map.of("default", 2), Optional.empty(), Optional.empty(), 0, false,
                Optional.of(new StatusInputs.IdleReport(Optional.of(since), false)), Optional.empty()));
        ArrayClusterStatus busy = new ArrayClusterStatusFactory(T0).status(cluster, new StatusInputs(pods,
                Map.of("default", 2), Optional.empty(), Optional.empty(), 0, false,
                Optional.of(new StatusInputs.IdleReport(Optional.empty(), false)), Optional.empty()));

        assertThat(waiting.getPhase()).isEqualTo(ArrayClusterPhase.Idle);
        assertThat(waiting.getIdleSince()).isEqualTo("2026-11-24T11:58:30Z");
        assertThat(condition(waiting, "Idle").getReason()).isEqualTo("SchedulerIdle");
        assertThat(busy.getPhase()).isEqualTo(ArrayClusterPhase.Running);
        assertThat(busy.getIdleSince()).isNull();
        assertThat(condition(busy, "Idle").getStatus()).isEqualTo("False");
    }

    @Test
    void shouldStartANewRunWhenTheSchedulerWasReplaced() {
        ArrayClusterStatus before = status(T0, List.of(ready(scheduler())), Map.of("default", 0), Optional.empty());
        assertThat(before.getStartTime()).isEqualTo("2026-11-24T11:59:00Z");
        cluster.setStatus(before);

        ArrayClusterStatus after = new ArrayClusterStatusFactory(T1).status(cluster, new StatusInputs(List.of(),
                Map.of("default", 0), Optional.empty(), Optional.empty(), 1, true, Optional.empty(), Optional.empty()));

        assertThat(after.getStartTime()).isNull();
        assertThat(after.getSchedulerRestarts()).isEqualTo(1);
    }

    @Test
    void shouldCarryTheKubeletsReasonWhenTheSchedulerImageCannotBePulled() {
        Pod scheduler = new PodBuilder(scheduler()).withNewStatus().withPhase("Pending").addNewContainerStatus()
                .withName("scheduler").withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"127.0.0.1:1/missing:1\"").endWaiting().endState()
                .endContainerStatus().endStatus().build();

        ArrayClusterStatus status = status(T0, List.of(scheduler), Map.of("default", 2), Optional.empty());

        assertThat(condition(status, "SchedulerReady").getReason()).isEqualTo("ImagePullBackOff");
        assertThat(condition(status, "SchedulerReady").getMessage())
                .isEqualTo("pod demo-scheduler, container scheduler: Back-off pulling image \"127.0.0.1:1/missing:1\"");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("ImagePullBackOff");
        assertThat(condition(status, "Ready").getMessage()).startsWith("pod demo-scheduler, container scheduler");
    }

    @Test
    void shouldSayWhyAWorkerCannotBePlaced() {
        Pod unplaced = new PodBuilder(worker("b")).withNewStatus().withPhase("Pending").addNewCondition()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/1 nodes are available: 1 Insufficient cpu.").endCondition().endStatus().build();

        ArrayClusterStatus status = status(T0, List.of(ready(scheduler()), ready(worker("a")), unplaced),
                Map.of("default", 2), Optional.empty());

        assertThat(condition(status, "WorkersReady").getReason()).isEqualTo("Unschedulable");
        assertThat(condition(status, "WorkersReady").getMessage())
                .isEqualTo("default: 1/2 ready; pod demo-default-b: 0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    }

    @Test
    void shouldReportAWorkerWhoseContainerFailed() {
        Pod failed = new PodBuilder(worker("b")).withNewStatus().withPhase("Failed").addNewContainerStatus()
                .withName("worker").withNewState().withNewTerminated().withExitCode(1).withReason("Error")
                .endTerminated().endState().endContainerStatus().endStatus().build();

        ArrayClusterStatus status = status(T0, List.of(ready(scheduler()), failed), Map.of("default", 1),
                Optional.empty());

        assertThat(condition(status, "WorkersReady").getReason()).isEqualTo("Error");
        assertThat(condition(status, "WorkersReady").getMessage()).endsWith("container worker exited with code 1");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("Error");
    }

    @Test
    void shouldNotCallAPodThatIsOnlyStartingTrouble() {
        Pod creating = new PodBuilder(scheduler()).withNewStatus().withPhase("Pending").addNewContainerStatus()
                .withName("scheduler").withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting()
                .endState().endContainerStatus().endStatus().build();

        ArrayClusterStatus status = status(T0, List.of(creating), Map.of("default", 2), Optional.empty());

        assertThat(condition(status, "SchedulerReady").getReason()).isEqualTo("SchedulerPending");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("NotReady");
    }

    private Pod scheduler() {
        return withCreation(SchedulerPodFactory.desired(cluster, "img", PodSecurity.RESTRICTED));
    }

    private Pod worker(String suffix) {
        WorkerGroup primary = WorkerGroup.of(cluster.getSpec()).get(0);
        return withCreation(WorkerPodFactory.desired(cluster, primary, ClusterNames.workerPod("demo", "default", suffix),
                "img", PodSecurity.RESTRICTED));
    }

    private static Pod withCreation(Pod pod) {
        pod.getMetadata().setCreationTimestamp("2026-11-24T11:59:00Z");
        return pod;
    }

    private static Pod ready(Pod pod) {
        return new PodBuilder(pod).withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus("True").endCondition().endStatus().build();
    }

    private static Pod pending(Pod pod) {
        return new PodBuilder(pod).withNewStatus().withPhase("Pending").endStatus().build();
    }

    private static Condition condition(ArrayClusterStatus status, String type) {
        return Conditions.find(new ArrayList<>(status.getConditions()), type).orElseThrow();
    }
}

package io.tessera.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.tessera.api.Constants;
import io.tessera.gateway.quota.Resources;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodUsageTest {

    private static final long GI = 1L << 30;
    private static final String STARTED = "2026-11-24T10:00:00Z";

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withNamespace("tessera-physics").withName("demo-scheduler")
                .withUid("uid-1").addToLabels(Constants.LABEL_CLUSTER, "demo")
                .addToLabels(Constants.LABEL_MANAGED_BY, Constants.MANAGED_BY).endMetadata()
                .withNewSpec().addNewContainer().withName("dask").withResources(new ResourceRequirementsBuilder()
                        .addToLimits("cpu", new Quantity("2")).addToLimits("memory", new Quantity("4Gi")).build())
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withStartTime(STARTED).endStatus();
    }

    private static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewRunning().withStartedAt(STARTED)
                .endRunning().endState().build();
    }

    private static ContainerStatus terminated(String name, String finishedAt) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewTerminated().withExitCode(0)
                .withStartedAt(STARTED).withFinishedAt(finishedAt).endTerminated().endState().build();
    }

    @Test
    void shouldOpenAtStartTimeWithRequestsDefaultingToLimits() {
        PodUsage usage = PodUsage.of(pod().editStatus().withContainerStatuses(running("dask")).endStatus().build(),
                false).orElseThrow();
        assertThat(usage).isEqualTo(new PodUsage("tessera-physics", "demo", "demo-scheduler", "uid-1",
                Instant.parse(STARTED), Optional.empty(), new Resources(2_000, 4 * GI, 0, 0)));
        assertThat(usage.running()).isTrue();
    }

    @Test
    void shouldSkipPodsThatHaveNotStartedOrBelongToNoCluster() {
        assertThat(PodUsage.of(pod().editStatus().withStartTime(null).endStatus().build(), false)).isEmpty();
        assertThat(PodUsage.of(pod().editMetadata().withLabels(Map.of()).endMetadata().build(), false)).isEmpty();
    }

    @Test
    void shouldEndAtTheLatestFinishedAtOnceEveryContainerTerminated() {
        Pod succeeded = pod().editSpec().addNewContainer().withName("sidecar").endContainer().endSpec()
                .editStatus().withPhase("Succeeded").withContainerStatuses(terminated("dask", "2026-11-24T10:05:00Z"),
                        terminated("sidecar", "2026-11-24T10:05:07Z")).endStatus().build();
        assertThat(PodTimes.end(succeeded, false)).contains(Instant.parse("2026-11-24T10:05:07Z"));
    }

    @Test
    void shouldStayOpenWhileOneContainerStillRuns() {
        Pod half = pod().editStatus().withContainerStatuses(terminated("dask", "2026-11-24T10:05:00Z"),
                running("sidecar")).endStatus().build();
        assertThat(PodTimes.end(half, false)).isEmpty();
    }

    @Test
    void shouldEndADeletedPodAtItsFinalDeletionWhenNoContainerReportedAnEnd() {
        // The final, zero-grace delete: deletionTimestamp is the moment the pod was removed.
        Pod deleted = pod().editMetadata().withDeletionTimestamp("2026-11-24T10:09:00Z")
                .withDeletionGracePeriodSeconds(0L).endMetadata()
                .editStatus().withContainerStatuses(running("dask")).endStatus().build();
        assertThat(PodTimes.end(deleted, true)).contains(Instant.parse("2026-11-24T10:09:00Z"));
        // A graceful delete seen in its final state: the deletion was requested grace seconds earlier.
        Pod graceful = pod().editMetadata().withDeletionTimestamp("2026-11-24T10:09:30Z")
                .withDeletionGracePeriodSeconds(30L).endMetadata().build();
        assertThat(PodTimes.end(graceful, true)).contains(Instant.parse("2026-11-24T10:09:00Z"));
        // Still terminating (not gone): it holds its resources until it is.
        assertThat(PodTimes.end(graceful, false)).isEmpty();
    }

    @Test
    void shouldPreferContainerEndsOverTheDeletionTime() {
        Pod deleted = pod().editMetadata().withDeletionTimestamp("2026-11-24T10:09:00Z")
                .withDeletionGracePeriodSeconds(0L).endMetadata()
                .editStatus().withContainerStatuses(terminated("dask", "2026-11-24T10:08:55Z")).endStatus().build();
        assertThat(PodTimes.end(deleted, true)).contains(Instant.parse("2026-11-24T10:08:55Z"));
    }

    @Test
    void shouldClampAnEndBeforeTheStart() {
        Pod skewed = pod().editStatus().withPhase("Failed")
                .withContainerStatuses(terminated("dask", "2026-11-24T09:59:58Z")).endStatus().build();
        assertThat(PodTimes.end(skewed, false)).contains(Instant.parse(STARTED));
    }

    @Test
    void shouldCountExplicitRequestsOverLimitsAndGpus() {
        Pod pod = pod().editSpec().editFirstContainer().withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("500m")).addToLimits("cpu", new Quantity("4"))
                        .addToLimits("memory", new Quantity("1536Mi")).addToLimits("nvidia.com/gpu", new Quantity("2"))
                        .build()).endContainer().endSpec().build();
        assertThat(PodRequests.of(pod.getSpec())).isEqualTo(new Resources(500, 1536L << 20, 2, 0));
    }

    @Test
    void shouldFollowTheSchedulersRuleForInitContainersSidecarsAndOverhead() {
        // app containers 2 + 1 cores; a plain init container of 5 cores (larger: wins for CPU);
        // a sidecar of 1 core and 1Gi runs beside the apps; overhead 250m.
        Pod pod = pod().editSpec()
                .addNewContainer().withName("extra").withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("1")).addToRequests("memory", new Quantity("1Gi")).build())
                .endContainer()
                .addToInitContainers(new ContainerBuilder().withName("sidecar").withRestartPolicy("Always")
                        .withResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("1"))
                                .addToRequests("memory", new Quantity("1Gi")).build()).build())
                .addToInitContainers(new ContainerBuilder().withName("setup")
                        .withResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("5"))
                                .addToRequests("memory", new Quantity("1Gi")).build()).build())
                .withOverhead(Map.of("cpu", new Quantity("250m")))
                .endSpec().build();
        // CPU: max(2 + 1 + 1 sidecar, 5 setup + 1 sidecar) + 0.25 = 6.25; memory: max(4 + 1 + 1, 1 + 1) = 6Gi.
        assertThat(PodRequests.of(pod.getSpec())).isEqualTo(new Resources(6_250, 6 * GI, 0, 0));
    }

    @Test
    void shouldRoundFractionsOfMillicoresAndBytesUp() {
        Pod pod = pod().editSpec().editFirstContainer().withResources(new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("100u")).addToRequests("memory", new Quantity("1500m")).build())
                .endContainer().endSpec().build();
        assertThat(PodRequests.of(pod.getSpec())).isEqualTo(new Resources(1, 2, 0, 0));
    }
}

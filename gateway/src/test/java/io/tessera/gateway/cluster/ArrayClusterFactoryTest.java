package io.tessera.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingMode;
import io.tessera.api.v1alpha1.arraycluster.spec.IdleAction;
import io.tessera.gateway.options.ClusterEnvironment;
import io.tessera.gateway.options.ClusterOptions;
import io.tessera.gateway.options.GroupOptions;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import io.tessera.gateway.quota.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArrayClusterFactoryTest {

    private static final long GI = GroupOptions.GI;

    @Test
    void shouldBuildALabelledClusterWithNoWorkersThatReservesOnlyItsScheduler() {
        ArrayCluster cluster = ArrayClusterFactory.build("tessera-physics", "physics-0123456789", "alice@lab.org",
                new ClusterOptions("physics", 1_500, 6 * GI, 1, "registry.example/w:1", 900, null), GroupOptions.DEFAULTS);
        assertThat(cluster.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "tessera.io/group", "physics", "tessera.io/user", "alice_lab.org",
                "app.kubernetes.io/managed-by", "tessera-gateway"));
        assertThat(cluster.getMetadata().getAnnotations()).containsEntry("tessera.io/owner", "alice@lab.org");
        assertThat(cluster.getSpec().getImage()).isEqualTo("registry.example/w:1");
        assertThat(cluster.getSpec().getWorker().getReplicas()).isZero();
        assertThat(cluster.getSpec().getAutoscaling().getMode()).isEqualTo(AutoscalingMode.Manual);
        assertThat(cluster.getSpec().getIdle().getTimeout()).isEqualTo("900s");
        assertThat(cluster.getSpec().getIdle().getAction()).isEqualTo(IdleAction.Delete);
        ArrayClusterFootprint footprint = ArrayClusterFootprint.of(cluster.getSpec());
        assertThat(footprint.unsized()).isEmpty();
        assertThat(footprint.resources()).isEqualTo(new Resources(1_000, 2 * GI, 0, 0));
    }

    @Test
    void shouldChargeTheWorkersOnceScaledAndNoGpuOrIdleWhenNotAsked() {
        ArrayCluster cluster = ArrayClusterFactory.build("ns", "n-0123456789", "bob",
                new ClusterOptions("g", 2_000, 4 * GI, 0, null, 0, ClusterEnvironment.EMPTY), GroupOptions.DEFAULTS);
        assertThat(cluster.getSpec().getImage()).isNull();
        assertThat(cluster.getSpec().getIdle()).isNull();
        assertThat(cluster.getSpec().getEnvironment()).isNull();
        assertThat(cluster.getSpec().getWorker().getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        var scaled = WorkerTarget.manual(3).applyTo(cluster.getSpec());
        assertThat(ArrayClusterFootprint.of(scaled).resources()).isEqualTo(new Resources(7_000, 14 * GI, 0, 3));
        var adaptive = WorkerTarget.adaptive(1, 5).applyTo(cluster.getSpec());
        assertThat(ArrayClusterFootprint.of(adaptive).resources()).isEqualTo(new Resources(11_000, 22 * GI, 0, 5));
        // applyTo copies: the original is unchanged
        assertThat(cluster.getSpec().getWorker().getReplicas()).isZero();
        assertThat(adaptive.getWorker().getReplicas()).isNull();
        assertThat(adaptive.getAutoscaling().getMode()).isEqualTo(AutoscalingMode.Adaptive);
    }

    @Test
    void shouldCopyOnlyTheAskedForPackageListsIntoTheEnvironmentSpec() {
        ArrayCluster cluster = ArrayClusterFactory.build("ns", "n-0123456789", "bob", new ClusterOptions("g", 1_000, GI, 0,
                null, 0, new ClusterEnvironment(List.of("xarray=2025.1", "zarr>=3"), List.of(), List.of("s3fs==2025.3.0"))),
                GroupOptions.DEFAULTS);
        assertThat(cluster.getSpec().getEnvironment().getConda()).containsExactly("xarray=2025.1", "zarr>=3");
        assertThat(cluster.getSpec().getEnvironment().getCondaChannels()).isNull();
        assertThat(cluster.getSpec().getEnvironment().getPip()).containsExactly("s3fs==2025.3.0");
        assertThat(cluster.getSpec().getEnvironment().getLockfile()).isNull();

        ArrayCluster channelsOnly = ArrayClusterFactory.build("ns", "n-0123456789", "bob", new ClusterOptions("g", 1_000,
                GI, 0, null, 0, new ClusterEnvironment(List.of(), List.of("conda-forge"), List.of())), GroupOptions.DEFAULTS);
        assertThat(channelsOnly.getSpec().getEnvironment().getCondaChannels()).containsExactly("conda-forge");
        assertThat(channelsOnly.getSpec().getEnvironment().getConda()).isNull();
        assertThat(channelsOnly.getSpec().getEnvironment().getPip()).isNull();
    }
}

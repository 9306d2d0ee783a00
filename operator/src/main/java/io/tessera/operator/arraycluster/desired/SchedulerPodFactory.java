package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.spec.DashboardSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerSpec;
import io.tessera.operator.arraycluster.scheduler.SchedulerApi;
import io.tessera.operator.common.ClusterLabels;

/** Desired scheduler pod of an ArrayCluster. Pure: same input, same pod. */
public final class SchedulerPodFactory {

    private SchedulerPodFactory() {
    }

    public static Pod desired(ArrayCluster cluster, String defaultImage) {
        String name = cluster.getMetadata().getName();
        SchedulerSpec spec = Optional.ofNullable(cluster.getSpec().getScheduler()).orElseGet(SchedulerSpec::new);
        return new PodBuilder()
                .withNewMetadata().withName(ClusterNames.schedulerPod(name))
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(ClusterLabels.all(cluster, ClusterLabels.SCHEDULER, Optional.empty()))
                .withOwnerReferences(OwnerReferences.controller(cluster)).endMetadata()
                .withNewSpec()
                // The operator recreates a failed scheduler itself (faultTolerance), counting restarts.
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .addNewContainer().withName("scheduler")
                .withImage(Optional.ofNullable(cluster.getSpec().getImage()).orElse(defaultImage))
                .withArgs(args(dashboardEnabled(spec)))
                .withEnv(new EnvVarBuilder().withName("DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES").withValue(SchedulerApi.HTTP_ROUTES)
                        .build())
                .withPorts(new ContainerPortBuilder().withName("comm").withContainerPort(ClusterNames.COMM_PORT).build(),
                        new ContainerPortBuilder().withName("dashboard").withContainerPort(ClusterNames.DASHBOARD_PORT)
                                .build())
                .withResources(ContainerResources.of(spec.getResources()).requirements())
                .withNewReadinessProbe().withNewHttpGet().withPath("/health")
                .withPort(new IntOrString("dashboard")).endHttpGet().withPeriodSeconds(5).endReadinessProbe()
                .endContainer()
                .endSpec().build();
    }

    private static boolean dashboardEnabled(SchedulerSpec spec) {
        return Optional.ofNullable(spec.getDashboard()).map(DashboardSpec::getEnabled).orElse(true);
    }

    private static List<String> args(boolean dashboard) {
        List<String> args = new ArrayList<>(List.of("dask", "scheduler", "--host", "0.0.0.0",
                "--port", String.valueOf(ClusterNames.COMM_PORT), "--dashboard-address", ":" + ClusterNames.DASHBOARD_PORT));
        if (!dashboard) {
            // The HTTP server keeps serving the API routes the operator needs; only the Bokeh pages go.
            args.add("--no-dashboard");
        }
        return args;
    }
}

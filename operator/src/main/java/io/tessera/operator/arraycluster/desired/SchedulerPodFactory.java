package io.tessera.operator.arraycluster.desired;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.spec.DashboardSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerSpec;
import io.tessera.operator.arraycluster.scheduler.SchedulerApi;
import io.tessera.operator.common.ClusterLabels;
import io.tessera.operator.environment.EnvironmentMount;

/** Desired scheduler pod of an ArrayCluster. Pure: same input, same pod. */
public final class SchedulerPodFactory {

    public static final String CONTAINER = "scheduler";

    private SchedulerPodFactory() {
    }

    public static Pod desired(ArrayCluster cluster, String defaultImage, PodSecurity security) {
        return desired(cluster, defaultImage, security, List.of());
    }

    /** @param imagePullSecrets the operator's pull secrets, merged after the template's ({@link ImagePullSecrets}) */
    public static Pod desired(ArrayCluster cluster, String defaultImage, PodSecurity security,
            List<String> imagePullSecrets) {
        return desired(cluster, defaultImage, security, imagePullSecrets, Optional.empty());
    }

    /** @param environment the cluster's built environment, mounted read-only ({@link EnvironmentMount}) */
    public static Pod desired(ArrayCluster cluster, String defaultImage, PodSecurity security,
            List<String> imagePullSecrets, Optional<EnvironmentMount> environment) {
        String name = cluster.getMetadata().getName();
        SchedulerSpec spec = Optional.ofNullable(cluster.getSpec().getScheduler()).orElseGet(SchedulerSpec::new);
        DaskContainerEnv env = new DaskContainerEnv()
                .set(DaskContainerEnv.SCHEDULER_PORT, ClusterNames.COMM_PORT)
                .set(DaskContainerEnv.DASHBOARD_PORT, ClusterNames.DASHBOARD_PORT)
                // Without the dashboard the HTTP server still serves the API routes and /health.
                .set(DaskContainerEnv.DASHBOARD, dashboardEnabled(spec))
                .set(DaskContainerEnv.HTTP_ROUTES, SchedulerApi.HTTP_ROUTES)
                // Every HTTP route moves under the prefix that the gateway's dashboard proxy forwards unchanged.
                .set(DaskContainerEnv.DASHBOARD_PREFIX, ClusterNames.dashboardPrefix(name));
        ClusterTls.env(env);
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(ClusterNames.schedulerPod(name))
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(ClusterLabels.all(cluster, ClusterLabels.SCHEDULER, Optional.empty()))
                .withOwnerReferences(OwnerReferences.controller(cluster)).endMetadata()
                .withNewSpec()
                // The operator recreates a failed scheduler itself (faultTolerance), counting restarts.
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .addNewContainer().withName(CONTAINER)
                .withImage(Optional.ofNullable(cluster.getSpec().getImage()).orElse(defaultImage))
                .withArgs("scheduler")
                .withEnv(env.toList())
                .withPorts(new ContainerPortBuilder().withName("comm").withContainerPort(ClusterNames.COMM_PORT).build(),
                        new ContainerPortBuilder().withName("dashboard").withContainerPort(ClusterNames.DASHBOARD_PORT)
                                .build())
                .withResources(ContainerResources.of(spec.getResources()).requirements())
                .withReadinessProbe(HealthProbes.readiness(ClusterNames.dashboardPrefix(name)))
                .withStartupProbe(HealthProbes.startup(ClusterNames.dashboardPrefix(name)))
                .withLivenessProbe(HealthProbes.liveness(ClusterNames.dashboardPrefix(name)))
                .endContainer()
                .endSpec().build();
        Pod merged = PodTemplateOverlay.apply(pod, spec.getTemplate(), CONTAINER, security);
        merged.setSpec(ClusterTls.mount(ImagePullSecrets.merge(merged.getSpec(), imagePullSecrets), name, CONTAINER));
        environment.ifPresent(built -> merged.setSpec(built.apply(merged.getSpec(), CONTAINER, true)));
        return merged;
    }

    private static boolean dashboardEnabled(SchedulerSpec spec) {
        return Optional.ofNullable(spec.getDashboard()).map(DashboardSpec::getEnabled).orElse(true);
    }
}

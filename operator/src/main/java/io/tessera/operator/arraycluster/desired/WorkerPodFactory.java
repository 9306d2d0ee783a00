package io.tessera.operator.arraycluster.desired;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.common.ClusterLabels;
import io.tessera.operator.environment.EnvironmentMount;

/**
 * Desired worker pod of one worker group. The Dask worker is named like its pod, so that the
 * scheduler's choice of workers to retire maps straight back to pods.
 */
public final class WorkerPodFactory {

    public static final String CONTAINER = "worker";

    private WorkerPodFactory() {
    }

    public static Pod desired(ArrayCluster cluster, WorkerGroup group, String podName, String defaultImage,
            PodSecurity security) {
        return desired(cluster, group, podName, defaultImage, security, List.of());
    }

    /** @param imagePullSecrets the operator's pull secrets, merged after the template's ({@link ImagePullSecrets}) */
    public static Pod desired(ArrayCluster cluster, WorkerGroup group, String podName, String defaultImage,
            PodSecurity security, List<String> imagePullSecrets) {
        return desired(cluster, group, podName, defaultImage, security, imagePullSecrets, Optional.empty());
    }

    /** @param environment the cluster's built environment, mounted read-only ({@link EnvironmentMount}) */
    public static Pod desired(ArrayCluster cluster, WorkerGroup group, String podName, String defaultImage,
            PodSecurity security, List<String> imagePullSecrets, Optional<EnvironmentMount> environment) {
        String name = cluster.getMetadata().getName();
        ContainerResources resources = ContainerResources.of(group.spec().getResources());
        DaskContainerEnv env = new DaskContainerEnv()
                .set(DaskContainerEnv.SCHEDULER_ADDRESS, ClusterNames.schedulerAddress(name,
                        cluster.getMetadata().getNamespace()))
                .set(DaskContainerEnv.WORKER_NAME, podName)
                .set(DaskContainerEnv.WORKER_THREADS, resources.threads(group.spec().getThreads()))
                .setIfPresent(DaskContainerEnv.WORKER_MEMORY_LIMIT, resources.memoryLimitBytes().map(b -> b.toPlainString()))
                .setIfPresent(DaskContainerEnv.WORKER_RESOURCES, DaskContainerEnv.daskResources(group.spec().getDaskResources()))
                .set(DaskContainerEnv.DASHBOARD_PORT, ClusterNames.DASHBOARD_PORT);
        ClusterTls.env(env);
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(ClusterLabels.all(cluster, ClusterLabels.WORKER, Optional.of(group.name())))
                .withOwnerReferences(OwnerReferences.controller(cluster)).endMetadata()
                .withNewSpec()
                // Failed workers are replaced by the operator, which keeps the counts in status honest.
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .addNewContainer().withName(CONTAINER)
                .withImage(Optional.ofNullable(cluster.getSpec().getImage()).orElse(defaultImage))
                .withArgs("worker")
                .withEnv(env.toList())
                .withPorts(new ContainerPortBuilder().withName("dashboard").withContainerPort(ClusterNames.DASHBOARD_PORT)
                        .build())
                .withResources(resources.requirements())
                .withReadinessProbe(HealthProbes.readiness(HealthProbes.ROOT))
                .withStartupProbe(HealthProbes.startup(HealthProbes.ROOT))
                .withLivenessProbe(HealthProbes.liveness(HealthProbes.ROOT))
                .endContainer()
                .endSpec().build();
        Pod merged = PodTemplateOverlay.apply(pod, group.spec().getTemplate(), CONTAINER, security);
        merged.setSpec(ClusterTls.mount(ImagePullSecrets.merge(merged.getSpec(), imagePullSecrets), name, CONTAINER));
        environment.ifPresent(built -> merged.setSpec(built.apply(merged.getSpec(), CONTAINER, true)));
        return merged;
    }
}

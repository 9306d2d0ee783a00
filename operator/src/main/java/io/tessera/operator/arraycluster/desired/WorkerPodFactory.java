package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.common.ClusterLabels;

/**
 * Desired worker pod of one worker group. The Dask worker is named like its pod, so that the
 * scheduler's choice of workers to retire maps straight back to pods.
 */
public final class WorkerPodFactory {

    private WorkerPodFactory() {
    }

    public static Pod desired(ArrayCluster cluster, WorkerGroup group, String podName, String defaultImage) {
        String name = cluster.getMetadata().getName();
        ContainerResources resources = ContainerResources.of(group.spec().getResources());
        return new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(ClusterLabels.all(cluster, ClusterLabels.WORKER, Optional.of(group.name())))
                .withOwnerReferences(OwnerReferences.controller(cluster)).endMetadata()
                .withNewSpec()
                // Failed workers are replaced by the operator, which keeps the counts in status honest.
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .addNewContainer().withName("worker")
                .withImage(Optional.ofNullable(cluster.getSpec().getImage()).orElse(defaultImage))
                .withArgs(args(ClusterNames.schedulerAddress(name, cluster.getMetadata().getNamespace()), podName,
                        resources, group))
                .withPorts(new ContainerPortBuilder().withName("dashboard").withContainerPort(ClusterNames.DASHBOARD_PORT)
                        .build())
                .withResources(resources.requirements())
                .endContainer()
                .endSpec().build();
    }

    private static List<String> args(String scheduler, String podName, ContainerResources resources, WorkerGroup group) {
        List<String> args = new ArrayList<>(List.of("dask", "worker", scheduler, "--name", podName,
                "--nthreads", String.valueOf(resources.threads(group.spec().getThreads())),
                "--dashboard-address", ":" + ClusterNames.DASHBOARD_PORT));
        resources.memoryLimitBytes().ifPresent(bytes -> args.addAll(List.of("--memory-limit", bytes.toPlainString())));
        daskResources(group.spec().getDaskResources()).ifPresent(r -> args.addAll(List.of("--resources", r)));
        return args;
    }

    /** {"GPU": 1, "MEM": 8} becomes "GPU=1 MEM=8", sorted so the pod spec is stable. */
    private static Optional<String> daskResources(Map<String, Double> resources) {
        if (resources == null || resources.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TreeMap<>(resources).entrySet().stream()
                .map(e -> e.getKey() + "=" + formatNumber(e.getValue())).collect(Collectors.joining(" ")));
    }

    private static String formatNumber(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

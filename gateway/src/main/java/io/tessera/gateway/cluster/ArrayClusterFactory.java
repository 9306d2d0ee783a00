package io.tessera.gateway.cluster;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingMode;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.IdleAction;
import io.tessera.api.v1alpha1.arraycluster.spec.IdleSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.WorkerSpec;
import io.tessera.gateway.kube.GroupNamespaces;
import io.tessera.gateway.options.ClusterEnvironment;
import io.tessera.gateway.options.ClusterOptions;
import io.tessera.gateway.options.GroupOptions;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ArrayCluster a dask-gateway create asks for. Pure. Like dask-gateway, a new cluster starts
 * with no workers (the client scales or adapts it), so it reserves only its scheduler until then.
 * Idle culling deletes the cluster, as dask-gateway's idle timeout shuts it down.
 */
public final class ArrayClusterFactory {

    /** The exact owner's username (labels cannot hold every username). */
    public static final String OWNER_ANNOTATION = Constants.GROUP + "/owner";

    private ArrayClusterFactory() {
    }

    public static ArrayCluster build(String namespace, String name, String username, ClusterOptions options,
                                     GroupOptions bounds) {
        ArrayCluster cluster = new ArrayCluster();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Constants.LABEL_GROUP, options.group());
        labels.put(Constants.LABEL_USER, ClusterNames.userLabel(username));
        labels.put(Constants.LABEL_MANAGED_BY, GroupNamespaces.MANAGER);
        cluster.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels)
                .withAnnotations(Map.of(OWNER_ANNOTATION, username)).build());
        ArrayClusterSpec spec = new ArrayClusterSpec();
        spec.setImage(options.image());
        SchedulerSpec scheduler = new SchedulerSpec();
        scheduler.setResources(limits(bounds.schedulerMillicores(), bounds.schedulerMemoryBytes(), 0));
        spec.setScheduler(scheduler);
        WorkerSpec worker = new WorkerSpec();
        worker.setReplicas(0);
        worker.setResources(limits(options.workerMillicores(), options.workerMemoryBytes(), options.workerGpus()));
        spec.setWorker(worker);
        AutoscalingSpec autoscaling = new AutoscalingSpec();
        autoscaling.setMode(AutoscalingMode.Manual);
        spec.setAutoscaling(autoscaling);
        if (options.idleTimeoutSeconds() > 0) {
            IdleSpec idle = new IdleSpec();
            idle.setTimeout(options.idleTimeoutSeconds() + "s");
            idle.setAction(IdleAction.Delete);
            spec.setIdle(idle);
        }
        if (options.environment() != null && !options.environment().isEmpty()) {
            spec.setEnvironment(environment(options.environment()));
        }
        cluster.setSpec(spec);
        return cluster;
    }

    /** Only the lists that were asked for, so the spec holds no empty lists the operator would hash. */
    static EnvironmentSpec environment(ClusterEnvironment environment) {
        EnvironmentSpec spec = new EnvironmentSpec();
        spec.setConda(nullIfEmpty(environment.conda()));
        spec.setCondaChannels(nullIfEmpty(environment.condaChannels()));
        spec.setPip(nullIfEmpty(environment.pip()));
        return spec;
    }

    private static List<String> nullIfEmpty(List<String> values) {
        return values.isEmpty() ? null : List.copyOf(values);
    }

    /** Limits only: the operator (and {@link ArrayClusterFootprint}) take requests from them. */
    static ResourceRequirements limits(long millicores, long memoryBytes, long gpus) {
        ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder()
                .addToLimits("cpu", new Quantity(millicores + "m"))
                .addToLimits("memory", new Quantity(Long.toString(memoryBytes)));
        if (gpus > 0) {
            builder.addToLimits(ArrayClusterFootprint.GPU, new Quantity(Long.toString(gpus)));
        }
        return builder.build();
    }
}

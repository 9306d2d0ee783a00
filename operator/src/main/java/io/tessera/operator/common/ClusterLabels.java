package io.tessera.operator.common;

import static io.tessera.api.Constants.LABEL_CLUSTER;
import static io.tessera.api.Constants.LABEL_COMPONENT;
import static io.tessera.api.Constants.LABEL_GROUP;
import static io.tessera.api.Constants.LABEL_INSTANCE;
import static io.tessera.api.Constants.LABEL_MANAGED_BY;
import static io.tessera.api.Constants.LABEL_NAME;
import static io.tessera.api.Constants.LABEL_USER;
import static io.tessera.api.Constants.LABEL_WORKER_GROUP;
import static io.tessera.api.Constants.MANAGED_BY;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tessera.api.Constants;

/**
 * The labels every object Tessera creates for a cluster carries, and the smaller selector set that
 * identifies a component (selectors never hold values that may change, such as the user).
 */
public final class ClusterLabels {

    public static final String APP = "dask";
    public static final String SCHEDULER = "scheduler";
    public static final String WORKER = "worker";
    public static final String RUNNER = "runner";
    /**
     * On a pod in the cluster's namespace that may reach the cluster's scheduler and workers (a
     * notebook that connects directly), with the cluster's name as value; its NetworkPolicy admits it.
     */
    public static final String CLIENT_OF = Constants.GROUP + "/client-of";

    private ClusterLabels() {
    }

    /** Selector of one component of one cluster; for workers, of one worker group. */
    public static Map<String, String> selector(String cluster, String component, Optional<String> workerGroup) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_NAME, APP);
        labels.put(LABEL_INSTANCE, cluster);
        labels.put(LABEL_COMPONENT, component);
        labels.put(LABEL_CLUSTER, cluster);
        workerGroup.ifPresent(group -> labels.put(LABEL_WORKER_GROUP, group));
        return labels;
    }

    /** The selector plus managed-by and the owner's quota group and user labels, when set. */
    public static Map<String, String> all(HasMetadata owner, String component, Optional<String> workerGroup) {
        return all(owner.getMetadata().getName(), owner, component, workerGroup);
    }

    /**
     * Labels of an object that belongs to {@code cluster} but is made for another owner (an
     * ArrayJob's runner): the cluster's selector, with the owner's quota group and user.
     */
    public static Map<String, String> all(String cluster, HasMetadata owner, String component,
            Optional<String> workerGroup) {
        return withOwner(selector(cluster, component, workerGroup), owner);
    }

    /**
     * Labels of an object that serves the whole cluster rather than one component (its
     * NetworkPolicy): the selector without component, managed-by, quota group and user.
     */
    public static Map<String, String> clusterWide(HasMetadata cluster) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_NAME, APP);
        labels.put(LABEL_INSTANCE, cluster.getMetadata().getName());
        labels.put(LABEL_CLUSTER, cluster.getMetadata().getName());
        return withOwner(labels, cluster);
    }

    private static Map<String, String> withOwner(Map<String, String> labels, HasMetadata owner) {
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        Map<String, String> ownerLabels = Optional.ofNullable(owner.getMetadata().getLabels()).orElse(Map.of());
        Optional.ofNullable(ownerLabels.get(LABEL_GROUP)).ifPresent(group -> labels.put(LABEL_GROUP, group));
        Optional.ofNullable(ownerLabels.get(LABEL_USER)).ifPresent(user -> labels.put(LABEL_USER, user));
        return labels;
    }
}

package io.tessera.gateway.metering;

import io.fabric8.kubernetes.api.model.Pod;
import io.tessera.api.Constants;
import io.tessera.gateway.quota.Resources;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What metering needs of one pod: which admitted cluster it belongs to (namespace + the
 * {@code tessera.io/cluster} label), its UID (the idempotency key), when it started and ended
 * holding resources (see {@link PodTimes}) and what it holds (see {@link PodRequests}).
 *
 * @param end empty while the pod still holds its resources
 */
public record PodUsage(String namespace, String cluster, String pod, String uid, Instant start,
                       Optional<Instant> end, Resources resources) {

    /**
     * The pod's usage, or empty when it has not started holding resources yet (no
     * {@code startTime}) or carries no cluster label (not ours to meter).
     *
     * @param deleted whether this is the final state of a pod removed from the API server
     */
    public static Optional<PodUsage> of(Pod pod, boolean deleted) {
        Map<String, String> labels = Optional.ofNullable(pod.getMetadata().getLabels()).orElse(Map.of());
        String cluster = labels.get(Constants.LABEL_CLUSTER);
        Optional<Instant> start = PodTimes.start(pod);
        if (cluster == null || start.isEmpty() || pod.getSpec() == null) {
            return Optional.empty();
        }
        return Optional.of(new PodUsage(pod.getMetadata().getNamespace(), cluster, pod.getMetadata().getName(),
                pod.getMetadata().getUid(), start.get(), PodTimes.end(pod, deleted), PodRequests.of(pod.getSpec())));
    }

    public boolean running() {
        return end.isEmpty();
    }

    /** namespace/pod, for log messages. */
    public String describe() {
        return namespace + "/" + pod;
    }
}

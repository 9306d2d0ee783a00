package io.tessera.gateway.metering;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a pod starts and stops holding resources, read only from the pod's own timestamps (never
 * from the gateway's clock), so that every replica and every replay computes the same interval.
 *
 * <p>Start: {@code status.startTime}, the moment the kubelet admitted the pod. From then on the
 * node's resources are set aside for it, through image pulls and init containers, so this is
 * what the pod costs, even before its containers report {@code running.startedAt}.
 *
 * <p>End, first that applies:
 * <ol>
 * <li>a pod whose containers have all terminated (phase Succeeded/Failed, or a deleted pod whose
 *     kubelet reported the final state): the latest {@code terminated.finishedAt};</li>
 * <li>a pod that is gone (the informer's delete event with its final state): the time of the
 *     final deletion, {@code deletionTimestamp - deletionGracePeriodSeconds} (the kubelet's last,
 *     zero-grace delete makes this the moment the pod was removed);</li>
 * <li>otherwise the pod still holds its resources: no end.</li>
 * </ol>
 * An end before the start (clock skew between nodes) is clamped to the start.
 */
public final class PodTimes {

    private PodTimes() {
    }

    public static Optional<Instant> start(Pod pod) {
        return Optional.ofNullable(pod.getStatus()).map(PodStatus::getStartTime).map(Instant::parse);
    }

    /**
     * @param deleted whether the pod is gone from the API server and this is its final state
     */
    public static Optional<Instant> end(Pod pod, boolean deleted) {
        Optional<Instant> start = start(pod);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> end = allTerminated(pod).or(() -> deleted ? deletion(pod) : Optional.empty());
        return end.map(e -> e.isBefore(start.get()) ? start.get() : e);
    }

    private static Optional<Instant> allTerminated(Pod pod) {
        List<ContainerStatus> statuses = Optional.ofNullable(pod.getStatus()).map(PodStatus::getContainerStatuses)
                .orElse(List.of());
        if (statuses.isEmpty()) {
            return Optional.empty();
        }
        List<Instant> finished = statuses.stream()
                .map(s -> s.getState() == null ? null : s.getState().getTerminated())
                .map(t -> t == null ? null : t.getFinishedAt())
                .filter(Objects::nonNull).map(Instant::parse).toList();
        // One container still running (or restarting) keeps the pod's resources held.
        return finished.size() < statuses.size() ? Optional.empty() : finished.stream().max(Instant::compareTo);
    }

    private static Optional<Instant> deletion(Pod pod) {
        return Optional.ofNullable(pod.getMetadata().getDeletionTimestamp()).map(Instant::parse)
                .map(at -> at.minusSeconds(Optional.ofNullable(pod.getMetadata().getDeletionGracePeriodSeconds())
                        .orElse(0L)));
    }
}

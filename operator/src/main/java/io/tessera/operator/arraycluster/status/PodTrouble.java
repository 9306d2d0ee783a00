package io.tessera.operator.arraycluster.status;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * Why a pod is not getting anywhere, in the scheduler's or the kubelet's own words: it cannot be
 * placed (Unschedulable), its image cannot be pulled or its container not created (the waiting
 * reasons the kubelet reports), or its container ended in failure. The cluster's conditions carry
 * this reason, so a wrong image or an impossible request shows at once instead of as a silent wait.
 *
 * @param reason the scheduler's or kubelet's reason, e.g. ImagePullBackOff, Unschedulable, Error
 * @param message which pod and container, and the detail the reason came with
 */
public record PodTrouble(String reason, String message) {

    /** Waiting reasons that need a change (image, config, command) rather than patience. */
    private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError", "RunContainerError",
            "CrashLoopBackOff");

    public static Optional<PodTrouble> of(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        PodStatus status = Optional.ofNullable(pod.getStatus()).orElseGet(PodStatus::new);
        String name = pod.getMetadata().getName();
        return unschedulable(name, status).or(() -> containers(status).flatMap(c -> stuck(name, c).stream())
                .findFirst()).or(() -> "Failed".equals(status.getPhase())
                        ? containers(status).flatMap(c -> failed(name, c).stream()).findFirst()
                        : Optional.empty());
    }

    /** The first trouble among the pods, in their order. */
    public static Optional<PodTrouble> first(List<Pod> pods) {
        return pods.stream().flatMap(p -> of(p).stream()).findFirst();
    }

    private static Optional<PodTrouble> unschedulable(String pod, PodStatus status) {
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason()))
                .findFirst().map(c -> new PodTrouble("Unschedulable", "pod " + pod + ": " + detail(c)));
    }

    private static Optional<PodTrouble> stuck(String pod, ContainerStatus container) {
        return Optional.ofNullable(container.getState()).map(s -> s.getWaiting())
                .filter(w -> STUCK.contains(w.getReason()))
                .map(w -> new PodTrouble(w.getReason(), "pod " + pod + ", container " + container.getName()
                        + Optional.ofNullable(w.getMessage()).filter(m -> !m.isBlank()).map(m -> ": " + m).orElse("")));
    }

    private static Optional<PodTrouble> failed(String pod, ContainerStatus container) {
        return Optional.ofNullable(container.getState()).map(s -> s.getTerminated())
                .filter(t -> t.getExitCode() != null && t.getExitCode() != 0)
                .map(t -> new PodTrouble(Optional.ofNullable(t.getReason()).orElse("Error"),
                        "pod " + pod + ", container " + container.getName() + " exited with code " + t.getExitCode()
                                + Optional.ofNullable(t.getMessage()).filter(m -> !m.isBlank()).map(m -> ": " + m)
                                        .orElse("")));
    }

    private static Stream<ContainerStatus> containers(PodStatus status) {
        return Stream.concat(Optional.ofNullable(status.getInitContainerStatuses()).orElse(List.of()).stream(),
                Optional.ofNullable(status.getContainerStatuses()).orElse(List.of()).stream());
    }

    private static String detail(PodCondition condition) {
        return Optional.ofNullable(condition.getMessage()).orElse("no node fits its requests");
    }
}

package io.tessera.operator.arraycluster.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.tessera.api.Constants;
import io.tessera.operator.arraycluster.scaling.ObservedWorker;
import io.tessera.operator.arraycluster.scaling.WorkerState;

/** Reads pod phase, readiness and Tessera's retirement mark the same way everywhere. */
public final class PodStates {

    /** Annotation the operator sets on a worker pod once the scheduler was asked to retire it. */
    public static final String RETIRING_ANNOTATION = Constants.GROUP + "/retiring";

    private PodStates() {
    }

    public static ObservedWorker observe(Pod pod) {
        return new ObservedWorker(pod.getMetadata().getName(), state(pod), retiring(pod),
                Optional.ofNullable(pod.getMetadata().getCreationTimestamp()).map(Instant::parse).orElse(Instant.EPOCH));
    }

    public static WorkerState state(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return WorkerState.Terminating;
        }
        String phase = Optional.ofNullable(pod.getStatus()).map(PodStatus::getPhase).orElse("Pending");
        return switch (phase) {
            case "Running" -> WorkerState.Running;
            case "Succeeded" -> WorkerState.Succeeded;
            case "Failed" -> WorkerState.Failed;
            default -> WorkerState.Pending;
        };
    }

    /** Pending or running pods hold (or are about to hold) their requested resources. */
    public static boolean holdsResources(Pod pod) {
        return state(pod).isLive();
    }

    /** The worker group a pod belongs to, or "" for pods without one (the scheduler). */
    public static String workerGroup(Pod pod) {
        return Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(Constants.LABEL_WORKER_GROUP))
                .orElse("");
    }

    public static boolean ready(Pod pod) {
        return state(pod) == WorkerState.Running && Optional.ofNullable(pod.getStatus())
                .map(PodStatus::getConditions).orElse(List.of()).stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static boolean retiring(Pod pod) {
        return Optional.ofNullable(pod.getMetadata().getAnnotations()).map(Map::keySet)
                .map(keys -> keys.contains(RETIRING_ANNOTATION)).orElse(false);
    }
}

package io.tessera.gateway.queue;

import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue of one namespace as a pure function of the ArrayJobs seen: runs not admitted yet,
 * not finished and not being deleted, oldest first (creation time, then name, so that runs
 * created in the same second still have one fixed order), and the messages shown while they wait.
 */
public final class QueueOrder {

    private QueueOrder() {
    }

    public static List<ArrayJob> waiting(Collection<ArrayJob> runs, String namespace) {
        return runs.stream().filter(r -> namespace.equals(r.getMetadata().getNamespace()))
                .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
                .filter(r -> !admitted(r) && !finished(r))
                .sorted(Comparator.comparing((ArrayJob r) -> r.getMetadata().getCreationTimestamp())
                        .thenComparing(r -> r.getMetadata().getName()))
                .toList();
    }

    public static boolean admitted(ArrayJob run) {
        return "true".equals(annotations(run).get(ArrayJobAdmission.ANNOTATION_ADMITTED));
    }

    static boolean finished(ArrayJob run) {
        ArrayJobPhase phase = Optional.ofNullable(run.getStatus()).map(ArrayJobStatus::getPhase).orElse(null);
        return phase == ArrayJobPhase.Succeeded || phase == ArrayJobPhase.Failed;
    }

    /**
     * @param reason why this run does not fit now (the admission message), or empty when it would
     *        fit on its own and only waits for the runs ahead of it
     */
    public static String queued(int position, int total, String group, Optional<String> reason) {
        String head = "queued at position " + position + " of " + total + " in group " + group
                + " (runs are admitted in creation order): ";
        return head + reason.orElse("it fits, but waits for the " + (position - 1) + " run(s) ahead");
    }

    public static String admittedMessage(String group, String cluster) {
        return "admitted in group " + group + ": quota reserved for cluster " + cluster;
    }

    static Map<String, String> annotations(ArrayJob run) {
        return Optional.ofNullable(run.getMetadata().getAnnotations()).orElse(Map.of());
    }
}

package io.tessera.operator.arrayjob.lifecycle;

import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;

/**
 * Whether a run may create its cluster and runner yet. In a quota-managed namespace (labelled
 * {@code tessera.io/group}) the gateway's quota queue decides and writes its decision into the
 * run's annotations ({@link ArrayJobAdmission}); this turns them into the {@code Admitted}
 * condition. A run whose cluster already exists was admitted earlier and carries on, so a later
 * annotation edit can never stop a run half way.
 *
 * @param open the run may create its cluster and runner
 * @param condition the Admitted condition to report; empty where Tessera does not manage quota
 */
public record AdmissionGate(boolean open, Optional<Admitted> condition) {

    /** The Admitted condition's status, reason and message. */
    public record Admitted(boolean status, String reason, String message) {
    }

    /** Reason while the gateway has not looked at the run yet. */
    public static final String REASON_PENDING = "Pending";

    private static final AdmissionGate UNMANAGED = new AdmissionGate(true, Optional.empty());

    /**
     * @param enabled {@code tessera.operator.quota-admission.enabled}
     * @param annotations the ArrayJob's annotations
     * @param clusterExists the run's cluster exists (it was admitted when it was created)
     * @param namespaceManaged asked only when needed: one API read per pass of a waiting run
     */
    public static AdmissionGate decide(boolean enabled, Map<String, String> annotations, boolean clusterExists,
            BooleanSupplier namespaceManaged) {
        if (!enabled) {
            return UNMANAGED;
        }
        Map<String, String> own = Optional.ofNullable(annotations).orElse(Map.of());
        String decision = own.get(ArrayJobAdmission.ANNOTATION_ADMITTED);
        if ("true".equals(decision)) {
            return new AdmissionGate(true, Optional.of(new Admitted(true, ArrayJobAdmission.REASON_ADMITTED,
                    own.getOrDefault(ArrayJobAdmission.ANNOTATION_MESSAGE, "the gateway reserved the run's quota"))));
        }
        if (clusterExists || !namespaceManaged.getAsBoolean()) {
            // Not managed; or admitted before and the annotation was edited since: never stop a started run.
            return decision == null ? UNMANAGED : new AdmissionGate(true, Optional.empty());
        }
        String reason = Optional.ofNullable(own.get(ArrayJobAdmission.ANNOTATION_REASON))
                .orElse(decision == null ? REASON_PENDING : ArrayJobAdmission.REASON_QUOTA_EXCEEDED);
        String message = Optional.ofNullable(own.get(ArrayJobAdmission.ANNOTATION_MESSAGE))
                .orElse("waiting for the gateway's quota admission");
        return new AdmissionGate(false, Optional.of(new Admitted(false, reason, message)));
    }
}

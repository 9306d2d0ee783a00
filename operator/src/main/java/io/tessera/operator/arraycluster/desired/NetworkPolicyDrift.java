package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Whether a cluster's NetworkPolicy as the API server has it differs from the desired one in what
 * the operator owns: the whole spec, its own labels and the controller owner reference. Labels or
 * annotations others add are not drift (server-side apply leaves them alone too).
 */
public final class NetworkPolicyDrift {

    private NetworkPolicyDrift() {
    }

    /** What differs, for the event that says the policy was restored; empty when nothing does. */
    public static Optional<String> between(NetworkPolicy desired, NetworkPolicy actual) {
        List<String> drift = new ArrayList<>();
        if (!tree(desired.getSpec()).equals(tree(actual.getSpec()))) {
            drift.add("spec");
        }
        Map<String, String> labels = Optional.ofNullable(actual.getMetadata().getLabels()).orElse(Map.of());
        desired.getMetadata().getLabels().forEach((key, value) -> {
            if (!value.equals(labels.get(key))) {
                drift.add("label " + key);
            }
        });
        if (!controlledBy(actual, desired.getMetadata().getOwnerReferences().get(0).getUid())) {
            drift.add("owner reference");
        }
        return drift.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", drift));
    }

    /** Whether the policy is controlled by the object with this uid (so the operator may delete it). */
    public static boolean controlledBy(NetworkPolicy policy, String uid) {
        return Optional.ofNullable(policy.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                .filter(ref -> Boolean.TRUE.equals(ref.getController())).map(OwnerReference::getUid)
                .anyMatch(uid::equals);
    }

    /**
     * The JSON shape of a spec: empty and absent lists serialize alike, and maps compare without
     * regard to key order, so a spec read back from the API server equals the one sent.
     */
    private static Object tree(Object spec) {
        return Serialization.unmarshal(Serialization.asJson(spec), Map.class);
    }
}

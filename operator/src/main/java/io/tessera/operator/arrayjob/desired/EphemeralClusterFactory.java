package io.tessera.operator.arrayjob.desired;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.operator.arraycluster.desired.OwnerReferences;

/** The run's own ArrayCluster: the ArrayJob's cluster spec, owned by the ArrayJob. */
public final class EphemeralClusterFactory {

    private EphemeralClusterFactory() {
    }

    public static ArrayCluster desired(ArrayJob run) {
        // A deep copy, so that the informer cache's ArrayJob is never shared with the new object.
        ArrayClusterSpec spec = Optional.ofNullable(run.getSpec().getCluster())
                .map(s -> Serialization.unmarshal(Serialization.asJson(s), ArrayClusterSpec.class)).orElseGet(ArrayClusterSpec::new);
        return new ArrayClusterBuilder().withNewMetadata()
                .withName(ArrayJobNames.cluster(run.getMetadata().getName()))
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(labels(run))
                .withOwnerReferences(OwnerReferences.controller(run))
                .endMetadata().withSpec(spec).build();
    }

    /** The run label, managed-by, and the quota group and user the run was admitted under. */
    static Map<String, String> labels(ArrayJob run) {
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> own = Optional.ofNullable(run.getMetadata().getLabels()).orElse(Map.of());
        Optional.ofNullable(own.get(Constants.LABEL_GROUP)).ifPresent(g -> labels.put(Constants.LABEL_GROUP, g));
        Optional.ofNullable(own.get(Constants.LABEL_USER)).ifPresent(u -> labels.put(Constants.LABEL_USER, u));
        labels.put(Constants.LABEL_MANAGED_BY, Constants.MANAGED_BY);
        labels.put(ArrayJobNames.LABEL_RUN, run.getMetadata().getName());
        return labels;
    }
}

package io.tessera.operator.arrayjob.desired;

import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.spec.ScriptSource;
import io.tessera.operator.arraycluster.desired.OwnerReferences;

/** The ConfigMap of an inline script, owned by the run, mounted read-only into the runner. */
public final class ScriptConfigMapFactory {

    static final String KEY = "script.py";

    private ScriptConfigMapFactory() {
    }

    /** Empty when the script comes from the image or from the user's own ConfigMap. */
    public static Optional<ConfigMap> desired(ArrayJob run) {
        return Optional.ofNullable(run.getSpec().getRunner().getScript()).map(ScriptSource::getInline)
                .map(source -> new ConfigMapBuilder().withNewMetadata()
                        .withName(ArrayJobNames.scriptConfigMap(run.getMetadata().getName()))
                        .withNamespace(run.getMetadata().getNamespace())
                        .withLabels(EphemeralClusterFactory.labels(run))
                        .withOwnerReferences(OwnerReferences.controller(run)).endMetadata()
                        // Immutable: the run's script never changes under a retry.
                        .withImmutable(true)
                        .withData(Map.of(KEY, source)).build());
    }
}

package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;

/**
 * The image pull secrets of the pods the operator creates (scheduler, workers, runner): the ones
 * the user's pod template names, then the operator's ({@code tessera.operator.image-pull-secrets},
 * copied into the pod's namespace by {@code PullSecretKeeper}) that the template does not already
 * name. Pure; order is deterministic.
 */
public final class ImagePullSecrets {

    private ImagePullSecrets() {
    }

    /** A copy of the spec with the operator's secrets merged after the template's; the argument is not changed. */
    public static PodSpec merge(PodSpec spec, List<String> operatorSecrets) {
        PodSpec pod = new PodSpecBuilder(spec).build();
        if (operatorSecrets.isEmpty()) {
            return pod;
        }
        Set<String> names = new LinkedHashSet<>();
        Optional.ofNullable(pod.getImagePullSecrets()).orElse(List.of()).stream()
                .map(LocalObjectReference::getName).forEach(names::add);
        names.addAll(operatorSecrets);
        List<LocalObjectReference> references = new ArrayList<>();
        names.forEach(name -> references.add(new LocalObjectReference(name)));
        pod.setImagePullSecrets(references);
        return pod;
    }
}

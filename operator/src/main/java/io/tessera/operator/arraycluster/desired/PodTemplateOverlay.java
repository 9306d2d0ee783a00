package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;

/**
 * Lays the operator's pod over a user's pod template ({@code spec.worker.template},
 * {@code spec.scheduler.template}). The template contributes everything the operator does not
 * own: node selection, tolerations, volumes and mounts, security context, service account,
 * sidecars and init containers, extra env, labels and annotations. The operator keeps what Dask
 * and quota accounting depend on: name, namespace, owner, Tessera labels, restart policy, the main
 * container's args, ports, probes, resources and its env variables. A template image replaces
 * the cluster image for that pod (the documented way to give one group its own image). The
 * {@link PodSecurity} settings then fill in the security context the template left unset.
 */
public final class PodTemplateOverlay {

    private PodTemplateOverlay() {
    }

    /**
     * @param generated the pod the operator derived from the spec
     * @param template the user's template, possibly null
     * @param mainContainer name of the operator's container inside the pod
     * @param security applied to the merged pod last, so that it fills in only what the template
     *     left unset and covers the template's sidecars and init containers too
     */
    public static Pod apply(Pod generated, PodTemplateSpec template, String mainContainer, PodSecurity security) {
        Pod merged = overlay(generated, template, mainContainer);
        return new PodBuilder(merged).withSpec(security.apply(merged.getSpec())).build();
    }

    private static Pod overlay(Pod generated, PodTemplateSpec template, String mainContainer) {
        if (template == null) {
            return generated;
        }
        // Copies, so that neither the spec object in the informer cache nor the generated pod changes.
        PodTemplateSpec user = new PodTemplateSpecBuilder(template).build();
        Pod pod = new PodBuilder(generated).build();
        if (user.getMetadata() != null) {
            pod.getMetadata().setLabels(overlay(user.getMetadata().getLabels(), pod.getMetadata().getLabels()));
            pod.getMetadata().setAnnotations(overlay(user.getMetadata().getAnnotations(),
                    pod.getMetadata().getAnnotations()));
        }
        pod.setSpec(spec(pod.getSpec(), Optional.ofNullable(user.getSpec()).orElseGet(PodSpec::new), mainContainer));
        return pod;
    }

    private static PodSpec spec(PodSpec ours, PodSpec theirs, String mainContainer) {
        Container generatedMain = ours.getContainers().get(0);
        List<Container> containers = new ArrayList<>();
        containers.add(mainContainer(generatedMain, theirs.getContainers().stream()
                .filter(c -> mainContainer.equals(c.getName())).findFirst()));
        theirs.getContainers().stream().filter(c -> !mainContainer.equals(c.getName())).forEach(containers::add);
        return new PodSpecBuilder(theirs)
                .withRestartPolicy(ours.getRestartPolicy())
                .withAutomountServiceAccountToken(Optional.ofNullable(theirs.getAutomountServiceAccountToken())
                        .orElse(ours.getAutomountServiceAccountToken()))
                .withContainers(containers)
                .build();
    }

    private static Container mainContainer(Container ours, Optional<Container> theirs) {
        if (theirs.isEmpty()) {
            return ours;
        }
        Container user = theirs.get();
        return new ContainerBuilder(user)
                .withName(ours.getName())
                .withImage(Optional.ofNullable(user.getImage()).orElse(ours.getImage()))
                .withCommand(ours.getCommand())
                .withArgs(ours.getArgs())
                .withPorts(byName(user.getPorts(), ours.getPorts(),
                        p -> Optional.ofNullable(p.getName()).orElse("port " + p.getContainerPort())))
                .withEnv(byName(user.getEnv(), ours.getEnv(), e -> e.getName()))
                .withResources(ours.getResources())
                .withReadinessProbe(Optional.ofNullable(ours.getReadinessProbe()).orElse(user.getReadinessProbe()))
                .withLivenessProbe(Optional.ofNullable(ours.getLivenessProbe()).orElse(user.getLivenessProbe()))
                .withStartupProbe(Optional.ofNullable(ours.getStartupProbe()).orElse(user.getStartupProbe()))
                .build();
    }

    /** The user's entries, then the operator's, an operator entry replacing a user entry of the same name. */
    private static <T> List<T> byName(List<T> theirs, List<T> ours, Function<T, String> name) {
        Map<String, T> merged = new LinkedHashMap<>();
        Optional.ofNullable(theirs).orElse(List.of()).forEach(item -> merged.put(name.apply(item), item));
        Optional.ofNullable(ours).orElse(List.of()).forEach(item -> merged.put(name.apply(item), item));
        return new ArrayList<>(merged.values());
    }

    private static Map<String, String> overlay(Map<String, String> theirs, Map<String, String> ours) {
        Map<String, String> merged = new TreeMap<>(Optional.ofNullable(theirs).orElse(Map.of()));
        merged.putAll(Optional.ofNullable(ours).orElse(Map.of()));
        return merged.isEmpty() ? null : merged;
    }
}

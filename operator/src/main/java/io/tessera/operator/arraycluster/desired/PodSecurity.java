package io.tessera.operator.arraycluster.desired;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;

/**
 * The security settings the operator gives every pod it creates (scheduler, workers, the runner
 * Job's pod template): operator setting {@code tessera.operator.pod-security}.
 *
 * <p>{@link #RESTRICTED} fills in what the "restricted" Pod Security Standard requires and a pod
 * does not get by default: pod {@code runAsNonRoot: true} and {@code seccompProfile: RuntimeDefault},
 * and on every container and init container (the operator's and the template's sidecars alike,
 * since one non-compliant container gets the whole pod rejected) {@code allowPrivilegeEscalation:
 * false} and {@code capabilities.drop: [ALL]}. Only fields the merged pod leaves unset are filled:
 * a pod template's own values always win, like every other field of the overlay. No
 * {@code runAsUser} is set: the worker image runs as the numeric non-root user 1000, which the
 * kubelet can verify against runAsNonRoot; an image with a named or root user needs
 * {@code runAsUser} in its pod template. The volumes the operator itself adds (the runner's script
 * ConfigMap) are among the types "restricted" allows.
 *
 * <p>{@link #NONE} leaves the pod exactly as the factories and the overlay made it (the behaviour
 * before this setting existed), for clusters whose pods must run as root or with extra
 * capabilities in namespaces that enforce at most "baseline".
 */
public enum PodSecurity {

    RESTRICTED,
    NONE;

    /** The capability set "restricted" requires every container to drop. */
    static final String DROP_ALL = "ALL";
    static final String RUNTIME_DEFAULT = "RuntimeDefault";

    /** The spec with this level's settings filled in where unset; a copy, the argument is not changed. */
    public PodSpec apply(PodSpec spec) {
        PodSpec pod = new PodSpecBuilder(spec).build();
        if (this == NONE) {
            return pod;
        }
        PodSecurityContext context = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (context.getRunAsNonRoot() == null) {
            context.setRunAsNonRoot(true);
        }
        if (context.getSeccompProfile() == null) {
            context.setSeccompProfile(new SeccompProfileBuilder().withType(RUNTIME_DEFAULT).build());
        }
        pod.setSecurityContext(context);
        Stream.of(pod.getInitContainers(), pod.getContainers())
                .flatMap(containers -> Optional.ofNullable(containers).orElse(List.of()).stream())
                .forEach(PodSecurity::restrict);
        return pod;
    }

    private static void restrict(Container container) {
        SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        if (context.getAllowPrivilegeEscalation() == null) {
            context.setAllowPrivilegeEscalation(false);
        }
        Capabilities capabilities = Optional.ofNullable(context.getCapabilities()).orElseGet(Capabilities::new);
        // Fabric8 reads an absent list as an empty one, so "unset" and "[]" cannot be told apart;
        // both drop nothing, which "restricted" refuses. Capabilities the template adds stay.
        if (capabilities.getDrop() == null || capabilities.getDrop().isEmpty()) {
            capabilities.setDrop(List.of(DROP_ALL));
        }
        context.setCapabilities(capabilities);
        container.setSecurityContext(context);
    }
}

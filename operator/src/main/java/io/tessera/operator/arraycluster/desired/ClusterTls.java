package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * How scheduler, worker and runner pods get the cluster's TLS credentials: the Secret
 * {@link ClusterNames#tlsSecret} mounted read-only at {@value #MOUNT_PATH} in the main container,
 * and the worker image's {@code TESSERA_TLS_*} variables naming its files, so that every comm of
 * the cluster is {@code tls://} with certificates required on both sides.
 *
 * <p>The files are mode {@code 0440}, owned by root and the pod's {@code fsGroup}: readable by the
 * container's non-root user through that group, not by others. So the pod gets
 * {@code fsGroup: 1000} (the worker image's group) where the template sets none; fsGroup is a
 * supplementary group of every container whatever its user, so a template's own fsGroup or
 * runAsUser works too. With the operator's fsGroup comes {@code fsGroupChangePolicy:
 * OnRootMismatch} (unless the template sets one), which keeps the kubelet from walking large
 * volumes, such as an environment cache, on every start.
 */
public final class ClusterTls {

    public static final String VOLUME = "tessera-tls";
    public static final String MOUNT_PATH = "/etc/tessera/tls";
    public static final String CA_FILE = "TESSERA_TLS_CA_FILE";
    public static final String CERT_FILE = "TESSERA_TLS_CERT_FILE";
    public static final String KEY_FILE = "TESSERA_TLS_KEY_FILE";
    /** Owner and group read, nothing for others (octal 0440). */
    public static final int FILE_MODE = 0440;
    /** The worker image's group (uid/gid 1000). */
    public static final long FS_GROUP = 1000L;

    private ClusterTls() {
    }

    /** The worker image's TLS variables, naming the files of the mounted Secret. */
    public static DaskContainerEnv env(DaskContainerEnv env) {
        return env.set(CA_FILE, MOUNT_PATH + "/ca.crt")
                .set(CERT_FILE, MOUNT_PATH + "/tls.crt")
                .set(KEY_FILE, MOUNT_PATH + "/tls.key");
    }

    /**
     * The spec with the Secret's volume, its mount in {@code mainContainer} and the fsGroup; applied
     * after the template overlay, beside the template's own volumes and mounts. A copy.
     */
    public static PodSpec mount(PodSpec spec, String cluster, String mainContainer) {
        PodSpec pod = new PodSpecBuilder(spec).build();
        List<Volume> volumes = new ArrayList<>(Optional.ofNullable(pod.getVolumes())
                .orElse(List.of()));
        volumes.removeIf(v -> VOLUME.equals(v.getName()));
        volumes.add(new VolumeBuilder().withName(VOLUME).withNewSecret()
                .withSecretName(ClusterNames.tlsSecret(cluster)).withDefaultMode(FILE_MODE).endSecret().build());
        pod.setVolumes(volumes);
        for (Container container : pod.getContainers()) {
            if (mainContainer.equals(container.getName())) {
                List<VolumeMount> mounts = new ArrayList<>(Optional.ofNullable(container.getVolumeMounts())
                        .orElse(List.of()));
                mounts.removeIf(m -> VOLUME.equals(m.getName()) || MOUNT_PATH.equals(m.getMountPath()));
                mounts.add(new VolumeMountBuilder().withName(VOLUME).withMountPath(MOUNT_PATH).withReadOnly(true)
                        .build());
                container.setVolumeMounts(mounts);
            }
        }
        PodSecurityContext context = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        // A template's own fsGroup works as well (and keeps its own change policy).
        if (context.getFsGroup() == null) {
            context.setFsGroup(FS_GROUP);
            if (context.getFsGroupChangePolicy() == null) {
                context.setFsGroupChangePolicy("OnRootMismatch");
            }
        }
        pod.setSecurityContext(context);
        return pod;
    }
}

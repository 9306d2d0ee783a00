package io.tessera.operator.arrayjob.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpec;
import io.tessera.api.v1alpha1.arrayjob.spec.RunnerSpec;
import io.tessera.api.v1alpha1.arrayjob.spec.ScriptSource;
import io.tessera.operator.arraycluster.desired.ClusterTls;
import io.tessera.operator.arraycluster.desired.DaskContainerEnv;
import io.tessera.operator.arraycluster.desired.ImagePullSecrets;
import io.tessera.operator.arraycluster.desired.OwnerReferences;
import io.tessera.operator.arraycluster.desired.PodSecurity;
import io.tessera.operator.arraycluster.desired.PodTemplateOverlay;
import io.tessera.operator.common.ClusterLabels;
import io.tessera.operator.environment.EnvironmentMount;

/**
 * The runner batch/v1 Job of an ArrayJob. Retries, {@code activeDeadlineSeconds} and
 * {@code podFailurePolicy} are the Job controller's, passed through unchanged; the operator only
 * holds the Job suspended until the cluster is Ready. The container runs the worker image's
 * {@code runner} role, so the environment sync and TLS settings of the cluster apply to it too: it
 * mounts the cluster's TLS Secret like the scheduler and workers ({@link ClusterTls}).
 */
public final class RunnerJobFactory {

    public static final String CONTAINER = "runner";
    public static final String RUN_NAME = "TESSERA_RUN_NAME";
    public static final String RUN_SCHEDULED_TIME = "TESSERA_RUN_SCHEDULED_TIME";
    public static final String RUN_TRIGGER = "TESSERA_RUN_TRIGGER";
    /** backoffLimit + 1: how many attempts the run may take in total. */
    public static final String RUN_MAX_ATTEMPTS = "TESSERA_RUN_MAX_ATTEMPTS";
    /** The pod's own name, different on every attempt. */
    public static final String RUN_POD = "TESSERA_RUN_POD";
    /**
     * Earlier failed attempts, from the annotation the Job controller keeps on the pods of an
     * Indexed Job with backoffLimitPerIndex; the worker image's runner turns it into
     * TESSERA_RUN_ATTEMPT (1 for the first try), since Kubernetes cannot add one itself.
     */
    public static final String RUN_PREVIOUS_FAILURES = "TESSERA_RUN_PREVIOUS_FAILURES";
    static final String FAILURE_COUNT_ANNOTATION = "batch.kubernetes.io/job-index-failure-count";
    static final String SCRIPT_DIR = "/tessera/script";
    static final String SCRIPT_VOLUME = "script";

    private RunnerJobFactory() {
    }

    /** @param suspend true until the cluster is Ready */
    public static Job desired(ArrayJob run, RunMetadata metadata, String defaultImage, PodSecurity security,
            boolean suspend) {
        return desired(run, metadata, defaultImage, security, List.of(), suspend);
    }

    /**
     * @param imagePullSecrets the operator's pull secrets, merged after the runner template's
     *     ({@link ImagePullSecrets}); the run's cluster, in the same namespace, has the copies made
     *     before the runner exists
     * @param suspend true until the cluster is Ready
     */
    public static Job desired(ArrayJob run, RunMetadata metadata, String defaultImage, PodSecurity security,
            List<String> imagePullSecrets, boolean suspend) {
        return desired(run, metadata, defaultImage, security, imagePullSecrets, Optional.empty(), suspend);
    }

    /**
     * @param environment the run's cluster's built environment: the runner runs the same one as its
     *     workers, mounted read-only ({@link EnvironmentMount})
     */
    public static Job desired(ArrayJob run, RunMetadata metadata, String defaultImage, PodSecurity security,
            List<String> imagePullSecrets, Optional<EnvironmentMount> environment, boolean suspend) {
        ArrayJobSpec spec = run.getSpec();
        String name = run.getMetadata().getName();
        String cluster = ArrayJobNames.cluster(name);
        Map<String, String> labels = new LinkedHashMap<>(ClusterLabels.all(cluster, run, ClusterLabels.RUNNER,
                Optional.empty()));
        labels.put(ArrayJobNames.LABEL_RUN, name);
        return new JobBuilder().withNewMetadata().withName(ArrayJobNames.job(name))
                .withNamespace(run.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(OwnerReferences.controller(run)).endMetadata()
                .withNewSpec()
                .withSuspend(suspend)
                // One index, retried up to backoffLimit times: the per-index limit is what makes
                // the Job controller tell each pod how many attempts failed before it.
                .withCompletionMode("Indexed").withCompletions(1).withParallelism(1)
                .withBackoffLimitPerIndex(Optional.ofNullable(spec.getBackoffLimit()).orElse(0))
                .withActiveDeadlineSeconds(spec.getActiveDeadlineSeconds())
                .withPodFailurePolicy(spec.getPodFailurePolicy())
                .withTemplate(template(run, labels, metadata, defaultImage, security, imagePullSecrets, environment))
                .endSpec().build();
    }

    private static PodTemplateSpec template(ArrayJob run, Map<String, String> labels, RunMetadata metadata,
            String defaultImage, PodSecurity security, List<String> imagePullSecrets,
            Optional<EnvironmentMount> environment) {
        RunnerSpec runner = run.getSpec().getRunner();
        Optional<ScriptSource> script = Optional.ofNullable(runner.getScript());
        List<String> args = new ArrayList<>(List.of(CONTAINER, "--"));
        args.addAll(script.map(s -> List.of("python", SCRIPT_DIR + "/" + scriptKey(s))).orElse(runner.getCommand()));
        Optional.ofNullable(runner.getArgs()).ifPresent(args::addAll);
        ContainerBuilder container = new ContainerBuilder().withName(CONTAINER)
                .withImage(Optional.ofNullable(runner.getImage()).or(() -> Optional.ofNullable(run.getSpec().getCluster())
                        .map(ArrayClusterSpec::getImage)).orElse(defaultImage))
                .withArgs(args)
                .withEnv(env(run, runner, metadata))
                .withResources(runner.getResources());
        Pod pod = new PodBuilder().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                // Retries are the Job's (backoffLimit, podFailurePolicy), each attempt a new pod.
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withContainers(container.build())
                .endSpec().build();
        Pod merged = PodTemplateOverlay.apply(pod, runner.getTemplate(), CONTAINER, security);
        // The runner is a client of its cluster: it connects with the cluster's certificate.
        merged.setSpec(ClusterTls.mount(ImagePullSecrets.merge(merged.getSpec(), imagePullSecrets),
                ArrayJobNames.cluster(run.getMetadata().getName()), CONTAINER));
        environment.ifPresent(built -> merged.setSpec(built.apply(merged.getSpec(), CONTAINER, true)));
        // The overlay keeps the template's volumes and mounts; the script's are added beside them
        // (a configMap volume, which the "restricted" Pod Security Standard allows).
        script.ifPresent(s -> {
            merged.getSpec().getVolumes().add(scriptVolume(run, s));
            merged.getSpec().getContainers().get(0).getVolumeMounts().add(new VolumeMountBuilder()
                    .withName(SCRIPT_VOLUME).withMountPath(SCRIPT_DIR).withReadOnly(true).build());
        });
        return new PodTemplateSpecBuilder().withMetadata(merged.getMetadata()).withSpec(merged.getSpec()).build();
    }

    /** The user's variables first; the operator's replace any of the same name. */
    private static List<EnvVar> env(ArrayJob run, RunnerSpec runner, RunMetadata metadata) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        Optional.ofNullable(runner.getEnv()).orElse(List.of()).forEach(e -> env.put(e.getName(), e));
        int attempts = Optional.ofNullable(run.getSpec().getBackoffLimit()).orElse(0) + 1;
        ClusterTls.env(new DaskContainerEnv()
                .set(DaskContainerEnv.SCHEDULER_ADDRESS, metadata.schedulerAddress())
                .set(RUN_NAME, run.getMetadata().getName())
                .set(RUN_SCHEDULED_TIME, metadata.scheduledTime())
                .set(RUN_TRIGGER, metadata.trigger())
                .set(RUN_MAX_ATTEMPTS, attempts))
                .toList().forEach(e -> env.put(e.getName(), e));
        env.put(RUN_POD, fromPod(RUN_POD, "metadata.name"));
        env.put(RUN_PREVIOUS_FAILURES, fromPod(RUN_PREVIOUS_FAILURES,
                "metadata.annotations['" + FAILURE_COUNT_ANNOTATION + "']"));
        return new ArrayList<>(env.values());
    }

    private static EnvVar fromPod(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath)
                .endFieldRef().endValueFrom().build();
    }

    private static Volume scriptVolume(ArrayJob run, ScriptSource script) {
        String configMap = script.getConfigMap() != null ? script.getConfigMap().getName()
                : ArrayJobNames.scriptConfigMap(run.getMetadata().getName());
        return new VolumeBuilder().withName(SCRIPT_VOLUME).withNewConfigMap().withName(configMap)
                .addNewItem().withKey(scriptKey(script)).withPath(scriptKey(script)).endItem()
                .endConfigMap().build();
    }

    /** The key of the script: the user's ConfigMap key, or {@value ScriptConfigMapFactory#KEY} for an inline one. */
    static String scriptKey(ScriptSource script) {
        return script.getConfigMap() != null ? script.getConfigMap().getKey() : ScriptConfigMapFactory.KEY;
    }
}

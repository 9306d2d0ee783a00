package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.tessera.operator.environment.EnvironmentContent;
import io.tessera.operator.environment.EnvironmentMount;
import io.tessera.operator.environment.EnvironmentNames;
import io.tessera.operator.environment.EnvironmentSettings;

/**
 * The build Job {@code tessera-env-<hash>}: the worker image's {@code build-env} role builds the
 * environment into the namespace's cache (the only pod that mounts it writable), once per content
 * hash. One attempt ({@code backoffLimit: 0}): a failed resolve fails again the same way, and the
 * installer's message is what the user needs. No owner: the Job is the namespace's build record,
 * shared by every cluster asking for the content; deleting it is how a build is retried.
 */
public final class EnvironmentBuildJobFactory {

    public static final String CONTAINER = "build";
    public static final String ROLE = "build-env";
    public static final String LOCK_TIMEOUT = "TESSERA_ENV_LOCK_TIMEOUT";
    public static final String INDEX_URL = "TESSERA_INDEX_URL";
    public static final String EXTRA_INDEX_URLS = "TESSERA_EXTRA_INDEX_URLS";
    public static final String CA_BUNDLE = "TESSERA_CA_BUNDLE";

    private EnvironmentBuildJobFactory() {
    }

    /** @param imagePullSecrets the operator's pull secrets, whose copies the namespace has (PullSecretKeeper) */
    public static Job desired(String namespace, EnvironmentContent content, Optional<String> group,
            EnvironmentSettings settings, PodSecurity security, List<String> imagePullSecrets) {
        String hash = content.hash();
        Map<String, String> labels = EnvironmentNames.buildLabels(hash, group);
        long timeout = settings.buildTimeout().toSeconds();
        PodSpec pod = new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .addNewContainer().withName(CONTAINER).withImage(content.image()).withArgs(ROLE)
                .withEnv(env(settings))
                // The image writes the installer's last lines there; without it, the log tail is kept.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(resources(settings)).withLimits(resources(settings)).build())
                .endContainer().build();
        pod = EnvironmentMount.of(content).apply(pod, CONTAINER, false);
        pod.getContainers().get(0).getEnv().add(new EnvVarBuilder().withName(LOCK_TIMEOUT)
                .withValue(String.valueOf(timeout)).build());
        pod = ImagePullSecrets.merge(security.apply(pod), imagePullSecrets);
        pod.setSecurityContext(withFsGroup(pod.getSecurityContext()));
        return new JobBuilder().withNewMetadata().withName(EnvironmentNames.build(hash)).withNamespace(namespace)
                .withLabels(labels).endMetadata()
                .withNewSpec().withBackoffLimit(0).withActiveDeadlineSeconds(timeout)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec().build();
    }

    /** Index, CA and proxy settings reach the build only: the pods that run the environment install nothing. */
    static List<EnvVar> env(EnvironmentSettings settings) {
        List<EnvVar> env = new ArrayList<>();
        settings.indexUrl().ifPresent(url -> env.add(var(INDEX_URL, url)));
        if (!settings.extraIndexUrls().isEmpty()) {
            env.add(var(EXTRA_INDEX_URLS, String.join(" ", settings.extraIndexUrls())));
        }
        settings.caBundle().ifPresent(ca -> env.add(var(CA_BUNDLE, EnvironmentNames.SPEC_DIR + "/"
                + EnvironmentNames.CA_KEY)));
        proxy(env, "HTTP_PROXY", settings.httpProxy());
        proxy(env, "HTTPS_PROXY", settings.httpsProxy());
        proxy(env, "NO_PROXY", settings.noProxy());
        return env;
    }

    /** Both spellings: tools disagree on which one they read. */
    private static void proxy(List<EnvVar> env, String name, Optional<String> value) {
        value.ifPresent(v -> {
            env.add(var(name, v));
            env.add(var(name.toLowerCase(java.util.Locale.ROOT), v));
        });
    }

    private static Map<String, Quantity> resources(EnvironmentSettings settings) {
        return new TreeMap<>(Map.of("cpu", new Quantity(settings.buildCpu()), "memory",
                new Quantity(settings.buildMemory())));
    }

    /** The worker image's group owns what the build writes, so the image's user can read it everywhere. */
    private static PodSecurityContext withFsGroup(PodSecurityContext context) {
        PodSecurityContext result = Optional.ofNullable(context).orElseGet(PodSecurityContext::new);
        result.setFsGroup(ClusterTls.FS_GROUP);
        // The cache grows large; the kubelet need not walk it on every start.
        result.setFsGroupChangePolicy("OnRootMismatch");
        return result;
    }

    private static EnvVar var(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}

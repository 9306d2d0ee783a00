package io.tessera.operator.arraycluster;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpec;
import io.tessera.api.v1alpha1.common.ConfigMapKeyRef;
import io.tessera.operator.config.OperatorConfig;
import io.tessera.operator.environment.EnvironmentContent;
import io.tessera.operator.environment.EnvironmentReport;

/**
 * Turns a cluster's {@code spec.environment} into its content, reading the lockfile ConfigMap when
 * the spec names one (the lockfile's text is part of the content: an edited lockfile is a new
 * environment). Shared by the cluster's reconciler and the ArrayJob's, whose runner must mount the
 * same environment as the workers of its cluster.
 */
@ApplicationScoped
public class EnvironmentResolver {

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;

    /** The content, or the problem (LockfileNotFound) that keeps it unknown. */
    public record Resolution(Optional<EnvironmentContent> content, Optional<EnvironmentReport> problem) {
    }

    /** The image the environment is built on: the cluster's, or the operator's default. */
    public String image(ArrayCluster cluster) {
        return Optional.ofNullable(cluster.getSpec().getImage()).orElse(config.workerImage());
    }

    public Resolution resolve(ArrayCluster cluster) {
        EnvironmentSpec spec = cluster.getSpec().getEnvironment();
        if (spec.getLockfile() == null) {
            return new Resolution(Optional.of(EnvironmentContent.ofLists(spec, image(cluster))), Optional.empty());
        }
        ConfigMapKeyRef ref = spec.getLockfile();
        String namespace = cluster.getMetadata().getNamespace();
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
        Optional<String> text = Optional.ofNullable(map).map(ConfigMap::getData).map(d -> d.get(ref.getKey()));
        if (text.isEmpty()) {
            String missing = map == null ? "ConfigMap " + ref.getName() + " does not exist"
                    : "ConfigMap " + ref.getName() + " has no key " + ref.getKey();
            return new Resolution(Optional.empty(), Optional.of(EnvironmentReport.problem(
                    EnvironmentReport.LOCKFILE_NOT_FOUND, "spec.environment.lockfile: " + missing + " in namespace "
                            + namespace + "; the cluster's pods start once it does (looked at again every 10 s)")));
        }
        return new Resolution(Optional.of(EnvironmentContent.ofLockfile(image(cluster),
                new EnvironmentContent.Lockfile(ref.getName(), ref.getKey(), text.get()))), Optional.empty());
    }
}

package io.tessera.operator.environment;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.tessera.api.Constants;

/**
 * Names, paths and labels of the environment build, shared by the operator's build Job, its
 * ConfigMap, the cache claim and every pod that runs the environment (the contract with the worker
 * image's entrypoint: {@code TESSERA_ENV_SPEC}, {@code TESSERA_ENV_CACHE}).
 */
public final class EnvironmentNames {

    /** The per-namespace cache claim: one per group namespace, so no group runs what another built. */
    public static final String CACHE_CLAIM = "tessera-environments";
    public static final String APP = "tessera";
    public static final String BUILD_COMPONENT = "environment-build";
    public static final String CACHE_COMPONENT = "environment-cache";
    /** Label with the content hash on the build Job and its ConfigMap. */
    public static final String LABEL_ENVIRONMENT = Constants.GROUP + "/environment";
    public static final String SPEC_DIR = "/etc/tessera/environment";
    public static final String CACHE_DIR = "/var/cache/tessera/envs";
    public static final String SPEC_VOLUME = "tessera-environment";
    public static final String CACHE_VOLUME = "tessera-environments";
    public static final String ENV_SPEC = "TESSERA_ENV_SPEC";
    public static final String ENV_CACHE = "TESSERA_ENV_CACHE";
    /** ConfigMap key of the operator's CA bundle, beside the spec file. */
    public static final String CA_KEY = "ca.crt";

    private EnvironmentNames() {
    }

    /** Name of both the ConfigMap with the spec file and the build Job of one content hash. */
    public static String build(String hash) {
        return "tessera-env-" + hash;
    }

    /** Labels of the build Job and its ConfigMap; the group label when the namespace's owner has one. */
    public static Map<String, String> buildLabels(String hash, Optional<String> group) {
        Map<String, String> labels = common(BUILD_COMPONENT, group);
        labels.put(LABEL_ENVIRONMENT, hash);
        return labels;
    }

    /** Labels of the cache claim. */
    public static Map<String, String> cacheLabels(Optional<String> group) {
        return common(CACHE_COMPONENT, group);
    }

    /** Selector of every build Job the operator made (its informer's). */
    public static String buildSelector() {
        return Constants.LABEL_MANAGED_BY + "=" + Constants.MANAGED_BY + "," + Constants.LABEL_COMPONENT + "="
                + BUILD_COMPONENT;
    }

    private static Map<String, String> common(String component, Optional<String> group) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(Constants.LABEL_NAME, APP);
        labels.put(Constants.LABEL_COMPONENT, component);
        labels.put(Constants.LABEL_MANAGED_BY, Constants.MANAGED_BY);
        group.ifPresent(g -> labels.put(Constants.LABEL_GROUP, g));
        return labels;
    }
}

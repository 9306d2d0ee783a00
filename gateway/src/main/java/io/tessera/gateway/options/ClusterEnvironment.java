package io.tessera.gateway.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extra packages a cluster is built with (the {@code environment} option), mapped one to one onto
 * the ArrayCluster's {@code spec.environment}. Empty lists mean "nothing of that kind".
 *
 * @param conda conda match specs
 * @param condaChannels conda channels searched in order
 * @param pip pip requirement specifiers
 */
public record ClusterEnvironment(List<String> conda, List<String> condaChannels, List<String> pip) {

    /** An empty mapping: no environment is added to the image. */
    public static final ClusterEnvironment EMPTY = new ClusterEnvironment(List.of(), List.of(), List.of());

    public static final String CONDA = "conda";
    public static final String CONDA_CHANNELS = "conda_channels";
    public static final String PIP = "pip";

    public ClusterEnvironment {
        conda = List.copyOf(conda);
        condaChannels = List.copyOf(condaChannels);
        pip = List.copyOf(pip);
    }

    public boolean isEmpty() {
        return conda.isEmpty() && condaChannels.isEmpty() && pip.isEmpty();
    }

    /** The wire form: only the non-empty lists, in a fixed order, so equal environments read the same. */
    public Map<String, Object> normalised() {
        Map<String, Object> mapping = new LinkedHashMap<>();
        if (!conda.isEmpty()) {
            mapping.put(CONDA, conda);
        }
        if (!condaChannels.isEmpty()) {
            mapping.put(CONDA_CHANNELS, condaChannels);
        }
        if (!pip.isEmpty()) {
            mapping.put(PIP, pip);
        }
        return mapping;
    }
}

package io.tessera.gateway.options;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the {@code environment} option, a dask-gateway {@code mapping}. The limits are those of the
 * CRD's EnvironmentSpec, checked here so that a bad list is a 422 naming the entry rather than an
 * API-server rejection (a 503) after the quota was already reserved.
 */
final class EnvironmentParser {

    static final int MAX_PACKAGES = 200;
    static final int MAX_CHANNELS = 20;
    static final int MAX_LENGTH = 200;

    private static final Set<String> KEYS = Set.of(ClusterEnvironment.CONDA, ClusterEnvironment.CONDA_CHANNELS,
            ClusterEnvironment.PIP);

    private EnvironmentParser() {
    }

    /** @param value the value of the {@code environment} key, present (possibly JSON null) */
    static ClusterEnvironment parse(JsonNode value) {
        String field = OptionsSpec.ENVIRONMENT;
        if (!value.isObject()) {
            throw new OptionsException(field + " must be a mapping with keys " + OptionsParser.pythonList(sorted(KEYS))
                    + ", got " + value);
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new OptionsException("Unknown fields in " + field + ": " + OptionsParser.pythonList(sorted(unknown))
                    + "; allowed " + OptionsParser.pythonList(sorted(KEYS)));
        }
        return new ClusterEnvironment(
                strings(value, ClusterEnvironment.CONDA, MAX_PACKAGES),
                strings(value, ClusterEnvironment.CONDA_CHANNELS, MAX_CHANNELS),
                strings(value, ClusterEnvironment.PIP, MAX_PACKAGES));
    }

    private static List<String> strings(JsonNode mapping, String key, int maxEntries) {
        String field = OptionsSpec.ENVIRONMENT + "." + key;
        if (!mapping.has(key)) {
            return List.of();
        }
        JsonNode list = mapping.get(key);
        if (!list.isArray()) {
            throw new OptionsException(field + " must be a list of strings, got " + list);
        }
        if (list.size() > maxEntries) {
            throw new OptionsException(field + " has " + list.size() + " entries: at most " + maxEntries + " allowed");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String at = field + "[" + i + "]";
            if (!entry.isTextual()) {
                throw new OptionsException(at + " must be a string, got " + entry);
            }
            // Length in characters as Kubernetes counts them (code points), so the API server agrees.
            int length = entry.textValue().codePointCount(0, entry.textValue().length());
            if (length < 1 || length > MAX_LENGTH) {
                throw new OptionsException(at + " must be 1 to " + MAX_LENGTH + " characters long, got " + length);
            }
            if (entry.textValue().isBlank()) {
                throw new OptionsException(at + " must not be blank");
            }
            values.add(entry.textValue());
        }
        return values;
    }

    private static List<String> sorted(Collection<String> keys) {
        return keys.stream().sorted().toList();
    }
}

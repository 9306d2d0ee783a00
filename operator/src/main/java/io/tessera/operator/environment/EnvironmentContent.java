package io.tessera.operator.environment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpec;

/**
 * What one environment is made of, in canonical form: the image it is built on (an environment is
 * an overlay of that image's Python), the pip and conda packages (duplicates removed, sorted: their
 * order means nothing to a resolver), the conda channels (in order: the first channel wins) and a
 * lockfile's text. Equal content gives an equal {@link #hash()}, which names the build and lets
 * every cluster of a namespace asking for the same content share one build.
 */
public record EnvironmentContent(String image, List<String> pip, List<String> conda, List<String> channels,
        Optional<Lockfile> lockfile) {

    /** Spec-file key for package lists: the worker image's spec parser reads {@code .json} as the structured format. */
    public static final String LIST_KEY = "environment.json";
    /** Spec-file key of a lockfile whose own key has no extension the image recognises. */
    public static final String REQUIREMENTS_KEY = "requirements.txt";
    private static final String EXPLICIT_MARKER = "@EXPLICIT";
    private static final List<String> LOCKFILE_SUFFIXES = List.of(".yaml", ".yml", ".json", ".txt");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A lockfile kept in a ConfigMap of the cluster's namespace, with the text read from it. */
    public record Lockfile(String configMap, String key, String text) {
    }

    public EnvironmentContent {
        pip = List.copyOf(pip);
        conda = List.copyOf(conda);
        channels = List.copyOf(channels);
    }

    /** Whether the spec asks for anything on top of the image (no condition, no build otherwise). */
    public static boolean requested(EnvironmentSpec spec) {
        return spec != null && (spec.getLockfile() != null || !orEmpty(spec.getPip()).isEmpty()
                || !orEmpty(spec.getConda()).isEmpty() || !orEmpty(spec.getCondaChannels()).isEmpty());
    }

    /**
     * Whether the environment needs a conda tool in the image: conda packages or channels, or a
     * conda {@code @EXPLICIT} lockfile (recognised by content, as the image does).
     */
    public boolean needsConda() {
        return !conda.isEmpty() || !channels.isEmpty() || lockfile.map(l -> l.text().lines()
                .anyMatch(line -> line.strip().equals(EXPLICIT_MARKER))).orElse(false);
    }

    /** The canonical content of a package-list spec. */
    public static EnvironmentContent ofLists(EnvironmentSpec spec, String image) {
        return new EnvironmentContent(image, sorted(spec.getPip()), sorted(spec.getConda()),
                orEmpty(spec.getCondaChannels()), Optional.empty());
    }

    /** The canonical content of a lockfile spec, with the lockfile's text. */
    public static EnvironmentContent ofLockfile(String image, Lockfile lockfile) {
        return new EnvironmentContent(image, List.of(), List.of(), List.of(), Optional.of(lockfile));
    }

    /**
     * The JSON the hash is taken over, keys in a fixed order:
     * {@code {"image","pip","conda","channels","lockfile"}} (lockfile: its text or null).
     */
    public String canonicalJson() {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("image", image);
        canonical.put("pip", pip);
        canonical.put("conda", conda);
        canonical.put("channels", channels);
        canonical.put("lockfile", lockfile.map(Lockfile::text).orElse(null));
        return json(canonical);
    }

    /** First 12 hex characters of SHA-256 over {@link #canonicalJson()}. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The key of the spec file in the ConfigMap: {@value #LIST_KEY} for package lists; for a
     * lockfile its own key when the image recognises the extension, else {@value #REQUIREMENTS_KEY}
     * (a conda {@code @EXPLICIT} lock is recognised by its content whatever the name).
     */
    public String specKey() {
        return lockfile.map(l -> LOCKFILE_SUFFIXES.stream().anyMatch(l.key()::endsWith) ? l.key() : REQUIREMENTS_KEY)
                .orElse(LIST_KEY);
    }

    /** The spec file's text: the lockfile as is, or the package lists with only their non-empty keys. */
    public String specFile() {
        if (lockfile.isPresent()) {
            return lockfile.get().text();
        }
        Map<String, Object> lists = new LinkedHashMap<>();
        putIfAny(lists, "pip", pip);
        putIfAny(lists, "conda", conda);
        putIfAny(lists, "channels", channels);
        return json(lists);
    }

    /** For people: "pip: 2 packages", "pip: 1 package, conda: 3 packages", "lockfile: locks/requirements.txt". */
    public String summary() {
        if (lockfile.isPresent()) {
            return "lockfile: " + lockfile.get().configMap() + "/" + lockfile.get().key();
        }
        List<String> parts = new ArrayList<>();
        if (!pip.isEmpty()) {
            parts.add("pip: " + count(pip.size()));
        }
        if (!conda.isEmpty()) {
            parts.add("conda: " + count(conda.size()));
        }
        if (!channels.isEmpty()) {
            parts.add("channels: " + String.join(" ", channels));
        }
        return String.join(", ", parts);
    }

    private static String count(int n) {
        return n + (n == 1 ? " package" : " packages");
    }

    private static void putIfAny(Map<String, Object> map, String key, List<String> values) {
        if (!values.isEmpty()) {
            map.put(key, values);
        }
    }

    private static List<String> sorted(List<String> values) {
        return List.copyOf(new TreeSet<>(orEmpty(values)));
    }

    private static List<String> orEmpty(List<String> values) {
        return Optional.ofNullable(values).orElse(List.of());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists of strings always serialise", e);
        }
    }
}

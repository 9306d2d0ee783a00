package io.tessera.operator.arrayjob.desired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.tessera.api.Constants;

/** Names and labels of the objects an ArrayJob owns; other components call these, never rebuild them. */
public final class ArrayJobNames {

    /** On everything a run owns: the ArrayJob's name, so `kubectl get ac,job,pod -l tessera.io/arrayjob=X` finds it all. */
    public static final String LABEL_RUN = Constants.GROUP + "/arrayjob";
    private static final String CLUSTER_SUFFIX = "-dask";
    private static final int HASH_LENGTH = 8;

    private ArrayJobNames() {
    }

    /**
     * The run's ArrayCluster: {@code <run>-dask}, shortened with a hash of the full name when that
     * would pass the ArrayCluster name limit (so two long runs never share a cluster name). The
     * suffix keeps it apart from an ArrayCluster the user named like the run.
     */
    public static String cluster(String run) {
        int max = Constants.ARRAY_CLUSTER_NAME_MAX_LENGTH;
        if (run.length() + CLUSTER_SUFFIX.length() <= max) {
            return run + CLUSTER_SUFFIX;
        }
        String head = run.substring(0, max - CLUSTER_SUFFIX.length() - HASH_LENGTH - 1);
        return head + "-" + hash(run) + CLUSTER_SUFFIX;
    }

    /** The runner Job is named like the run (ArrayJob names are limited to 63 characters for this). */
    public static String job(String run) {
        return run;
    }

    /** The ConfigMap holding an inline script. */
    public static String scriptConfigMap(String run) {
        return run + "-script";
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package io.tessera.api.v1alpha1.arrayjob;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.tessera.api.Constants;

/**
 * What the gateway's quota queue and the operator agree on about an ArrayJob's admission: the
 * name of the run's ephemeral ArrayCluster (the name the queue reserves quota for) and the
 * annotations through which the gateway hands its decision to the operator. The gateway writes
 * only these annotations; the operator alone writes the ArrayJob's status and turns them into the
 * {@code Admitted} condition, so the two never race over the status' condition list.
 */
public final class ArrayJobAdmission {

    /** "true" once the gateway reserved the run's cluster; "false" while the run waits in the queue. */
    public static final String ANNOTATION_ADMITTED = Constants.GROUP + "/admitted";
    /** CamelCase reason of the decision, e.g. {@value #REASON_QUOTA_EXCEEDED}. */
    public static final String ANNOTATION_REASON = Constants.GROUP + "/admission-reason";
    /** The decision for people: the queue position and the quota message. */
    public static final String ANNOTATION_MESSAGE = Constants.GROUP + "/admission-message";

    public static final String REASON_ADMITTED = "Admitted";
    public static final String REASON_QUOTA_EXCEEDED = "QuotaExceeded";

    private static final String CLUSTER_SUFFIX = "-dask";
    private static final int HASH_LENGTH = 8;

    private ArrayJobAdmission() {
    }

    /**
     * The run's ArrayCluster: {@code <run>-dask}, shortened with a hash of the full name when that
     * would pass the ArrayCluster name limit (so two long runs never share a cluster name). The
     * suffix keeps it apart from an ArrayCluster the user named like the run.
     */
    public static String clusterName(String run) {
        int max = Constants.ARRAY_CLUSTER_NAME_MAX_LENGTH;
        if (run.length() + CLUSTER_SUFFIX.length() <= max) {
            return run + CLUSTER_SUFFIX;
        }
        String head = run.substring(0, max - CLUSTER_SUFFIX.length() - HASH_LENGTH - 1);
        return head + "-" + hash(run) + CLUSTER_SUFFIX;
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

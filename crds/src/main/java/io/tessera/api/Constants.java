package io.tessera.api;

/**
 * Names of the tessera.io API: group, version, kinds, plurals, short names and the labels and
 * annotations every Tessera component agrees on. Kept in one place so that the CRD model, the
 * operator, the gateway and the tests cannot drift apart.
 */
public final class Constants {

    /** API group of all Tessera custom resources. */
    public static final String GROUP = "tessera.io";
    /** The only served version so far. */
    public static final String VERSION = "v1alpha1";
    /** {@code apiVersion} of Tessera objects. */
    public static final String API_VERSION = GROUP + "/" + VERSION;

    public static final String ARRAY_CLUSTER_KIND = "ArrayCluster";
    public static final String ARRAY_CLUSTER_PLURAL = "arrayclusters";
    public static final String ARRAY_CLUSTER_SHORT_NAME = "ac";

    public static final String ARRAY_JOB_KIND = "ArrayJob";
    public static final String ARRAY_JOB_PLURAL = "arrayjobs";
    public static final String ARRAY_JOB_SHORT_NAME = "aj";

    public static final String SCHEDULED_JOB_KIND = "ScheduledJob";
    public static final String SCHEDULED_JOB_PLURAL = "scheduledjobs";
    public static final String SCHEDULED_JOB_SHORT_NAME = "sj";

    /** Category so that {@code kubectl get tessera} lists every Tessera object. */
    public static final String CATEGORY = "tessera";

    /**
     * Longest ArrayCluster name: the TLS SNI {@code daskgateway-<name>} must fit one 63-character
     * DNS label.
     */
    public static final int ARRAY_CLUSTER_NAME_MAX_LENGTH = 51; // 63 - "daskgateway-".length(), a constant for annotations
    /**
     * Longest ScheduledJob name: runs are named {@code <name>-<unixMinutes>} and must stay a valid
     * 63-character label value, exactly as for a Kubernetes CronJob.
     */
    public static final int SCHEDULED_JOB_NAME_MAX_LENGTH = 52;
    /** Longest ArrayJob name: it names the runner Job, whose name is also a pod label value. */
    public static final int ARRAY_JOB_NAME_MAX_LENGTH = 63;

    public static final String LABEL_NAME = "app.kubernetes.io/name";
    public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "tessera";
    public static final String LABEL_CLUSTER = GROUP + "/cluster";
    /** Quota group of an object; immutable once set (enforced by a ValidatingAdmissionPolicy). */
    public static final String LABEL_GROUP = GROUP + "/group";
    public static final String LABEL_USER = GROUP + "/user";
    /** Name of the worker group a worker pod belongs to. */
    public static final String LABEL_WORKER_GROUP = GROUP + "/worker-group";

    /** Name under which the primary worker group appears in status. */
    public static final String PRIMARY_WORKER_GROUP = "default";

    private Constants() {
    }
}

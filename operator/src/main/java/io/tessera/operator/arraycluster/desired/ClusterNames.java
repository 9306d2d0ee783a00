package io.tessera.operator.arraycluster.desired;

/** Names of the objects derived from an ArrayCluster; other components call these, never rebuild them. */
public final class ClusterNames {

    /** Dask's scheduler comm port. */
    public static final int COMM_PORT = 8786;
    /** Dask's dashboard and HTTP API port. */
    public static final int DASHBOARD_PORT = 8787;

    private ClusterNames() {
    }

    public static String schedulerPod(String cluster) {
        return cluster + "-scheduler";
    }

    public static String schedulerService(String cluster) {
        return cluster + "-scheduler";
    }

    /** The cluster's NetworkPolicy, admitting only the cluster's own pods and its declared clients. */
    public static String networkPolicy(String cluster) {
        return cluster + "-isolation";
    }

    /** Worker pod name; the suffix comes from the caller so that this stays a pure function. */
    public static String workerPod(String cluster, String group, String suffix) {
        return cluster + "-" + group + "-" + suffix;
    }

    /**
     * The cluster's TLS credentials (certificate, key, CA), created before its pods and mounted by
     * them; the gateway hands the same certificate and key to the cluster's users.
     */
    public static String tlsSecret(String cluster) {
        return cluster + "-tls";
    }

    /**
     * Address workers and in-cluster clients use, e.g. {@code tls://demo-scheduler.team-a.svc:8786}:
     * every comm of a cluster is TLS with the certificate of {@link #tlsSecret}.
     */
    public static String schedulerAddress(String cluster, String namespace) {
        return "tls://" + schedulerService(cluster) + "." + namespace + ".svc:" + COMM_PORT;
    }

    /**
     * The path under which the scheduler serves all its HTTP routes (dashboard, API, health,
     * metrics), e.g. {@code /clusters/demo/}: the gateway's dashboard proxy forwards
     * {@code /clusters/<name>/...} unchanged, so the scheduler must live under the same path.
     */
    public static String dashboardPrefix(String cluster) {
        return "/clusters/" + cluster + "/";
    }
}

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

    /** Address workers and in-cluster clients use, e.g. {@code tcp://demo-scheduler.team-a.svc:8786}. */
    public static String schedulerAddress(String cluster, String namespace) {
        return "tcp://" + schedulerService(cluster) + "." + namespace + ".svc:" + COMM_PORT;
    }
}

package io.tessera.gateway.quota;

/**
 * Limits of one scope (a group's quota, or a member's cap inside a group). A null component means
 * "no limit"; 0 means nothing may be reserved. {@code workersPerCluster} limits one cluster's
 * workers, the others limit the sum over the scope's live clusters.
 */
public record Limits(Long millicores, Long memoryBytes, Long gpus, Long clusters, Long workersPerCluster) {

    /** What a group without a quota row gets: nothing (admission fails closed). */
    public static final Limits NOTHING = new Limits(0L, 0L, 0L, 0L, 0L);

    public static final Limits UNLIMITED = new Limits(null, null, null, null, null);

    /**
     * What is left under these limits when {@code reserved} and {@code clusters} are taken (never
     * negative, null where unlimited); the per-cluster worker limit stays as it is.
     */
    public Limits headroom(Resources reserved, long clusters) {
        return new Limits(left(millicores, reserved.millicores()), left(memoryBytes, reserved.memoryBytes()),
                left(gpus, reserved.gpus()), left(this.clusters, clusters), workersPerCluster);
    }

    private static Long left(Long limit, long used) {
        return limit == null ? null : Math.max(0, limit - used);
    }
}

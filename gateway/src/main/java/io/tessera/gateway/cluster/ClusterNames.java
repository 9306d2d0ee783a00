package io.tessera.gateway.cluster;

import io.tessera.api.Constants;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Names of clusters created through the dask-gateway API: {@code <group>-<10 hex digits>}, a
 * single DNS label of at most 51 characters, so that the TLS server name
 * {@code daskgateway-<name>} the client sends fits one 63-character label. The group prefix makes
 * {@code kubectl get ac} readable; the 40 random bits make names unguessable and, with the
 * database check in {@link ClusterService}, globally unique.
 */
public final class ClusterNames {

    static final int RANDOM_HEX = 10;
    private static final int PREFIX_MAX = Constants.ARRAY_CLUSTER_NAME_MAX_LENGTH - RANDOM_HEX - 1;

    private ClusterNames() {
    }

    public static String newName(String group, RandomGenerator random) {
        String prefix = group.length() > PREFIX_MAX ? group.substring(0, PREFIX_MAX) : group;
        prefix = prefix.replaceAll("-+$", "");
        byte[] bytes = new byte[RANDOM_HEX / 2];
        random.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }

    /**
     * A label value for a username: usernames may contain '@', which label values may not, and must
     * end alphanumeric. The exact username is kept in the {@code tessera.io/owner} annotation.
     */
    public static String userLabel(String username) {
        String value = username.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("[^A-Za-z0-9]+$", "");
        return value.length() > 63 ? value.substring(0, 63).replaceAll("[^A-Za-z0-9]+$", "") : value;
    }
}

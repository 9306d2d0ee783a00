package io.tessera.gateway.identity.sync;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * How Keycloak groups map to Tessera groups: a top-level group {@code /physics} is the Tessera
 * group {@code physics}; membership of its subgroup {@code /physics/admins} makes a member and a
 * group admin. Other subgroups and deeper paths mean nothing to Tessera (left to other uses).
 */
public final class GroupConvention {

    public static final String ADMINS_SUBGROUP = "admins";

    private GroupConvention() {
    }

    /** Group name to group-admin flag, from the user's Keycloak group paths. Deterministic order. */
    public static Map<String, Boolean> memberships(Collection<String> paths) {
        Map<String, Boolean> result = new TreeMap<>();
        for (String path : paths) {
            if (path == null || !path.startsWith("/")) {
                continue;
            }
            String[] parts = path.substring(1).split("/", -1);
            if (parts[0].isEmpty()) {
                continue;
            }
            if (parts.length == 1) {
                result.putIfAbsent(parts[0], false);
            } else if (parts.length == 2 && ADMINS_SUBGROUP.equals(parts[1])) {
                result.put(parts[0], true);
            }
        }
        return result;
    }
}

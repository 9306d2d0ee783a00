package io.tessera.gateway.admission;

import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.rest.ApiException;
import java.util.regex.Pattern;

/**
 * A request to admit a new cluster {@code name} for {@code username} in {@code group}'s namespace,
 * reserving {@code footprint}: scheduler + maximum workers x worker requests.
 */
public record CreateCluster(String group, String username, String name, Resources footprint) {

    /** A DNS-1123 label, because the name becomes Kubernetes object names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public CreateCluster {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("cluster name must be a DNS label (a-z, 0-9, '-', at most 63), got: " + name);
        }
        if (!footprint.isNonNegative()) {
            throw ApiException.badRequest("a cluster cannot reserve negative resources: " + footprint);
        }
    }
}

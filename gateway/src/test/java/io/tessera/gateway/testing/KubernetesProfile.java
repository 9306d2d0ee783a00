package io.tessera.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The gateway with Kubernetes on, against the API server KUBECONFIG points at (the local cluster
 * that {@code ./tessera test} starts, or {@code e2e-tests/cluster/localcluster up}), with short
 * sync and wait times so that the tests do not sleep for minutes.
 */
public class KubernetesProfile implements QuarkusTestProfile {

    public static final int GRACE_SECONDS = 10;
    public static final int WAIT_SECONDS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        LocalKubernetes.requireReachable();
        return Map.of("tessera.gateway.kubernetes.enabled", "true",
                "tessera.gateway.kubernetes.sync-grace", GRACE_SECONDS + "s",
                "tessera.gateway.kubernetes.resync-interval", "1h",
                "tessera.gateway.kubernetes.wait-timeout", WAIT_SECONDS + "s");
    }
}

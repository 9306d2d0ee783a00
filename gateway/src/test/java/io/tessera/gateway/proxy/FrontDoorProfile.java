package io.tessera.gateway.proxy;

import io.tessera.gateway.testing.DaskProcess;
import io.tessera.gateway.testing.KubernetesProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway as in production behind its front door (PROXY header on, so HTTP works only through
 * the front door), with the scheduler target pointing at a local Dask scheduler's port and short
 * timeouts so that the bad-input cases take seconds.
 */
public class FrontDoorProfile extends KubernetesProfile {

    static final int SCHEDULER_PORT = DaskProcess.freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("quarkus.http.proxy.use-proxy-protocol", "true");
        overrides.put("tessera.gateway.proxy.scheduler-target", "127.0.0.1:" + SCHEDULER_PORT);
        overrides.put("tessera.gateway.proxy.handshake-timeout", "2s");
        overrides.put("tessera.gateway.proxy.first-byte-timeout", "2s");
        overrides.put("tessera.gateway.proxy.route-cache-ttl", "1s");
        return overrides;
    }
}

package io.tessera.gateway.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * KubernetesProfile with the dashboard proxy aimed at one loopback port, where DashboardProxyIT
 * puts a TcpTap in front of a real local Dask scheduler (every cluster name goes there).
 */
public class DashboardProfile extends KubernetesProfile {

    public static final int TARGET_PORT = DaskProcess.freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("tessera.gateway.dashboard.target", "http://127.0.0.1:" + TARGET_PORT);
        config.put("tessera.gateway.dashboard.response-timeout", "5s");
        return config;
    }
}

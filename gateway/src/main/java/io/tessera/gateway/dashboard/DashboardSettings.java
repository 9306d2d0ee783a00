package io.tessera.gateway.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The dashboard proxy ({@code tessera.gateway.dashboard.*}; docs/gateway.md, "Dashboard proxy"). */
@ConfigMapping(prefix = "tessera.gateway.dashboard")
public interface DashboardSettings {

    /** Off: no {@code /clusters/} route at all (and no dashboard_route is worth following). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Where a cluster's scheduler serves HTTP, with {@code {name}} and {@code {namespace}} (contract
     * of issue 14: the scheduler serves under {@code /clusters/<name>/}, so the path is forwarded
     * unchanged). Only {@code http://host[:port]}; tests point it at a local scheduler.
     */
    @WithDefault("http://{name}-scheduler.{namespace}.svc:8787")
    String target();

    /** Longest wait for a TCP connection to the scheduler; then 502. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** A proxied request fails (502, or the stream is cut) when the scheduler sends nothing this long. */
    @WithDefault("60s")
    Duration responseTimeout();

    /** Pooled HTTP connections to one scheduler (WebSockets leave the pool once upgraded). */
    @WithDefault("32")
    int maxConnectionsPerScheduler();

    /** Requests that may wait for a pooled connection; more fail at once with 502. */
    @WithDefault("256")
    int maxWaiting();
}

package io.tessera.gateway.proxy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalInt;

/** The front door and scheduler proxy ({@code tessera.gateway.proxy.*}; docs/gateway.md "Scheduler proxy"). */
@ConfigMapping(prefix = "tessera.gateway.proxy")
public interface ProxySettings {

    /**
     * Off: nothing listens on {@link #port()}; then Quarkus' HTTP server must take the public
     * port itself ({@code quarkus.http.host/port}, {@code quarkus.http.proxy.use-proxy-protocol=false}).
     */
    @WithDefault("true")
    boolean enabled();

    /** Address the front door binds. */
    @WithDefault("0.0.0.0")
    String host();

    /** The public port: HTTP to the gateway's API and pages, TLS to schedulers (dask-gateway's default). 0: any free port. */
    @WithDefault("8080")
    int port();

    /** An extra port for scheduler TLS only (dask-gateway's {@code proxy_address}); unset: none. */
    OptionalInt tlsPort();

    /** Where a cluster's scheduler listens; {@code {name}} and {@code {namespace}} are replaced, a leading tls:// is ignored. */
    @WithDefault("{name}-scheduler.{namespace}.svc:8786")
    String schedulerTarget();

    /** Longest wait for a scheduler (or the HTTP server) to accept a connection. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Longest wait, after a TLS connection's first byte, for its complete ClientHello. */
    @WithDefault("10s")
    Duration handshakeTimeout();

    /**
     * After an HTTP connection's first byte, the longest wait for the head (request line and
     * headers) of its first request: a client that trickles headers (slow-loris) is closed then.
     */
    @WithDefault("30s")
    Duration headerTimeout();

    /**
     * Longest wait for a new connection's first byte. Only before it: an HTTP keep-alive connection
     * idle between requests is timed out by the HTTP server ({@code quarkus.http.idle-timeout}).
     */
    @WithDefault("30s")
    Duration firstByteTimeout();

    /** A relayed connection (TLS or HTTP) without traffic either way this long is closed; 0 never. Dask clients heartbeat every few seconds. */
    @WithDefault("1h")
    Duration idleTimeout();

    /** Client connections open at once, both kinds; more are closed with a log line (at most one a minute per address). */
    @WithDefault("4096")
    int maxConnections();

    /** Event loop threads of the front door (all connections share them). */
    @WithDefault("2")
    int ioThreads();

    /** Threads that look routes up (a database read when a name is not cached). */
    @WithDefault("2")
    int lookupThreads();

    /** How long a looked-up cluster record (or its absence) is reused; the RUNNING check itself is always current. */
    @WithDefault("10s")
    Duration routeCacheTtl();
}

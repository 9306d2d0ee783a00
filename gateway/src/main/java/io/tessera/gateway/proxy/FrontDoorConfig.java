package io.tessera.gateway.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a {@link FrontDoorServer} listens on and how patient it is.
 *
 * @param host             address to bind
 * @param port             the shared port: TLS to schedulers, everything else to {@code httpServer} (0: any free port)
 * @param tlsPort          a port for scheduler TLS only, non-TLS is closed (-1: none, 0: any free port)
 * @param httpServer       where the HTTP server listens now (asked per connection: its port may be known only later)
 * @param proxyProtocol    whether HTTP connections start with a PROXY protocol v2 header carrying the client's address
 * @param connectTimeout   longest wait for a scheduler or the HTTP server to accept
 * @param handshakeTimeout longest wait, after the first TLS byte, for a complete ClientHello and its route
 * @param headerTimeout    longest wait, after an HTTP connection's first byte, for its first request's head
 * @param firstByteTimeout longest wait for a new connection's first byte
 * @param idleTimeout      a relayed connection with no traffic either way this long is closed (zero: never)
 * @param maxConnections   client connections open at once; more are closed at once
 * @param ioThreads        event loop threads (all connections share them; no thread per connection)
 * @param lookupThreads    threads for route lookups (they may block)
 */
public record FrontDoorConfig(String host, int port, int tlsPort, Supplier<InetSocketAddress> httpServer,
                              boolean proxyProtocol, Duration connectTimeout, Duration handshakeTimeout,
                              Duration headerTimeout, Duration firstByteTimeout, Duration idleTimeout,
                              int maxConnections, int ioThreads, int lookupThreads) {

    /** The longest ClientHello accepted (a handshake message, possibly over several records). */
    public static final int MAX_CLIENT_HELLO = 16 * 1024;
}

package io.tessera.gateway.proxy;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the front door with the application and stops it with it. HTTP goes to Quarkus' own
 * server, which listens on loopback behind it; with {@code quarkus.http.proxy.use-proxy-protocol}
 * on, each HTTP connection starts with a PROXY header, so the HTTP server still sees the client's
 * address rather than 127.0.0.1.
 */
@ApplicationScoped
public class FrontDoor {

    @Inject
    ProxySettings settings;

    @Inject
    SchedulerRoutes routes;

    @Inject
    ValueRegistry values;

    @Inject
    Clock clock;

    @ConfigProperty(name = "quarkus.http.proxy.use-proxy-protocol", defaultValue = "false")
    boolean proxyProtocol;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String httpHost;

    private volatile FrontDoorServer server;

    void onStart(@Observes StartupEvent event) throws InterruptedException, UnknownHostException {
        if (!settings.enabled()) {
            return;
        }
        FrontDoorConfig config = new FrontDoorConfig(settings.host(), settings.port(), settings.tlsPort().orElse(-1),
                httpServer(), proxyProtocol, settings.connectTimeout(), settings.handshakeTimeout(),
                settings.headerTimeout(), settings.firstByteTimeout(), settings.idleTimeout(), settings.maxConnections(),
                settings.ioThreads(), settings.lookupThreads());
        server = FrontDoorServer.start(config, routes, clock);
        Log.infof("front door listening on %s:%d (HTTP and scheduler TLS)%s", settings.host(), server.port(),
                server.tlsPort() < 0 ? "" : ", scheduler TLS only on port " + server.tlsPort());
    }

    void onStop(@Observes ShutdownEvent event) {
        FrontDoorServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    /** The HTTP server's address; its port is asked per connection, as a random port is known only once it listens. */
    private Supplier<InetSocketAddress> httpServer() throws UnknownHostException {
        InetAddress address = "0.0.0.0".equals(httpHost) || "::".equals(httpHost) ? InetAddress.getLoopbackAddress()
                : InetAddress.getByName(httpHost);
        return () -> new InetSocketAddress(address, values.get(HttpServer.HTTP_SERVER).getPort());
    }

    /** The public port, once started (tests ask for it: they bind port 0). */
    public int port() {
        return server.port();
    }

    /** The scheduler-only port, or -1. */
    public int tlsPort() {
        return server.tlsPort();
    }

    /** Client connections open now. */
    public int openConnections() {
        return server.openConnections();
    }
}

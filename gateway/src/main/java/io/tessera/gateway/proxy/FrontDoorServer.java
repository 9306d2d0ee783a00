package io.tessera.gateway.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The front door's Netty server: its own small event loop group (a few threads for every
 * connection, none per connection; Quarkus' Vert.x loops stay free for HTTP), a connection cap,
 * and a small pool for route lookups, which may block and so never run on an event loop.
 */
public final class FrontDoorServer implements AutoCloseable {

    static final String GUARD = "guard";

    private final FrontDoorConfig config;
    private final RouteLookup routes;
    private final ConnectionLog log;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor lookups;
    private final AtomicInteger open = new AtomicInteger();
    private Channel shared;
    private Channel tlsOnly;

    private FrontDoorServer(FrontDoorConfig config, RouteLookup routes, Clock clock) {
        this.config = config;
        this.routes = routes;
        this.log = new ConnectionLog(clock);
        this.group = new NioEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("tessera-front-door", true));
        this.lookups = new ThreadPoolExecutor(config.lookupThreads(), config.lookupThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), new DefaultThreadFactory("tessera-front-door-lookup", true));
    }

    /** Binds the shared port (and the TLS-only port if configured); fails if a port is taken. */
    public static FrontDoorServer start(FrontDoorConfig config, RouteLookup routes, Clock clock) throws InterruptedException {
        FrontDoorServer server = new FrontDoorServer(config, routes, clock);
        try {
            server.shared = server.bind(config.port(), config.httpServer() != null);
            if (config.tlsPort() >= 0) {
                server.tlsOnly = server.bind(config.tlsPort(), false);
            }
            return server;
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    private Channel bind(int port, boolean httpAllowed) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // End of input is an event, not a close: a client may half-close and still read (Splice).
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        admit(channel, httpAllowed);
                    }
                })
                .bind(config.host(), port).sync().channel();
    }

    private void admit(SocketChannel channel, boolean httpAllowed) {
        if (open.incrementAndGet() > config.maxConnections()) {
            open.decrementAndGet();
            log.refused(channel, ConnectionLog.Kind.BUSY, config.maxConnections()
                    + " connections are open, the most allowed (tessera.gateway.proxy.max-connections)");
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        channel.pipeline().addLast("sniffer", new ProtocolSniffer(this, httpAllowed));
        channel.pipeline().addLast(GUARD, new Guard(log, config.handshakeTimeout().toSeconds()));
    }

    /** The shared port (HTTP and scheduler TLS). */
    public int port() {
        return ((InetSocketAddress) shared.localAddress()).getPort();
    }

    /** The scheduler-only port, or -1. */
    public int tlsPort() {
        return tlsOnly == null ? -1 : ((InetSocketAddress) tlsOnly.localAddress()).getPort();
    }

    /** Client connections open now. */
    public int openConnections() {
        return open.get();
    }

    FrontDoorConfig config() {
        return config;
    }

    ConnectionLog log() {
        return log;
    }

    RouteLookup routes() {
        return routes;
    }

    Executor lookups() {
        return lookups;
    }

    /** Stops listening and closes every connection (relayed ones are cut, as on any restart). */
    @Override
    public void close() {
        if (shared != null) {
            shared.close().awaitUninterruptibly();
        }
        if (tlsOnly != null) {
            tlsOnly.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        lookups.shutdownNow();
    }
}

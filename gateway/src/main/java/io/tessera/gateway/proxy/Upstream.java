package io.tessera.gateway.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Connections from the front door to where a client's bytes go: a scheduler or the HTTP server. */
final class Upstream {

    private Upstream() {
    }

    /**
     * Connects on the client's own event loop (no hand-off between threads) with reads off: the
     * caller replays what the client sent, then {@link Splice#join joins} the two.
     */
    static ChannelFuture connect(Channel client, InetSocketAddress target, Duration timeout, boolean proxyHeader) {
        return new Bootstrap().group(client.eventLoop()).channel(client.getClass().asSubclass(Channel.class))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (proxyHeader) {
                            channel.pipeline().addLast(HAProxyMessageEncoder.INSTANCE);
                        }
                        channel.pipeline().addLast(FrontDoorServer.GUARD, new Guard(null));
                    }
                })
                .connect(target);
    }

    /** Closes relayed connections that carry no traffic either way for {@code idle} (zero: never). */
    static void watchIdle(Channel client, Duration idle) {
        if (!idle.isZero()) {
            client.pipeline().addFirst("idle", new IdleStateHandler(0, 0, idle.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** The PROXY protocol v2 header that tells the HTTP server who the client is (it sees only loopback). */
    static HAProxyMessage proxyHeader(Channel client) {
        InetSocketAddress source = (InetSocketAddress) client.remoteAddress();
        InetSocketAddress destination = (InetSocketAddress) client.localAddress();
        boolean v4 = source.getAddress() instanceof Inet4Address && destination.getAddress() instanceof Inet4Address;
        return new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                v4 ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6,
                text(source.getAddress(), v4), text(destination.getAddress(), v4), source.getPort(), destination.getPort());
    }

    private static String text(InetAddress address, boolean v4) {
        if (v4 || !(address instanceof Inet4Address)) {
            return address.getHostAddress();
        }
        return "::ffff:" + address.getHostAddress();
    }
}

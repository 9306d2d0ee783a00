package io.tessera.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a client connection: waits for its first byte (at most the first-byte
 * timeout) and decides. {@code 0x16} (a TLS handshake record) goes to {@link SchedulerSniHandler};
 * anything else is relayed unchanged to the HTTP server, or closed on the TLS-only port.
 *
 * <p>The timeout applies only before the first byte: an HTTP keep-alive connection idle between
 * requests is past this handler and is the HTTP server's to time out.
 */
final class ProtocolSniffer extends ChannelInboundHandlerAdapter {

    private static final int TLS_HANDSHAKE = 0x16;

    private final FrontDoorServer server;
    private final boolean httpAllowed;
    private final List<Object> pending = new ArrayList<>();
    private ScheduledFuture<?> timeout;
    private boolean decided;

    ProtocolSniffer(FrontDoorServer server, boolean httpAllowed) {
        this.server = server;
        this.httpAllowed = httpAllowed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long millis = server.config().firstByteTimeout().toMillis();
        timeout = ctx.executor().schedule(() -> {
            if (!decided) {
                server.log().refused(ctx.channel(), ConnectionLog.Kind.FIRST_BYTE_TIMEOUT,
                        "sent nothing within " + millis / 1000 + " s");
                ctx.close();
            }
        }, millis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (decided) {
            // More bytes while the HTTP server is being connected: they follow the first ones.
            pending.add(msg);
            return;
        }
        if (!(msg instanceof ByteBuf buf) || !buf.isReadable()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        decided = true;
        timeout.cancel(false);
        if (buf.getUnsignedByte(buf.readerIndex()) == TLS_HANDSHAKE) {
            ctx.pipeline().replace(this, "sni", new SchedulerSniHandler(server));
            ctx.pipeline().fireChannelRead(buf);
        } else if (httpAllowed) {
            pending.add(buf);
            HttpHeadDeadline head = new HttpHeadDeadline(server);
            if (!head.completedBy(buf)) {
                // First in the pipeline, so that it sees every byte before the splice passes it on.
                ctx.pipeline().addFirst("http-head", head);
            }
            relayToHttp(ctx);
        } else {
            buf.release();
            server.log().refused(ctx.channel(), ConnectionLog.Kind.NOT_TLS,
                    "not TLS on the scheduler-only port");
            ctx.close();
        }
    }

    private void relayToHttp(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        InetSocketAddress target = server.config().httpServer().get();
        boolean header = server.config().proxyProtocol();
        Upstream.connect(client, target, server.config().connectTimeout(), header).addListener((ChannelFuture f) -> {
            if (!f.isSuccess() || !client.isActive()) {
                pending.forEach(ReferenceCountUtil::release);
                pending.clear();
                f.channel().close();
                if (client.isActive()) {
                    server.log().refused(client, ConnectionLog.Kind.HTTP_UNREACHABLE, "the gateway's HTTP server at "
                            + ConnectionLog.address(target) + " is unreachable: " + ConnectionLog.brief(f.cause()));
                    client.close();
                }
                return;
            }
            Channel http = f.channel();
            if (header) {
                http.write(Upstream.proxyHeader(client));
            }
            pending.forEach(http::write);
            pending.clear();
            http.flush();
            client.pipeline().remove(this);
            Splice.join(client, http);
            Splice.endedEarly(client, http);
            Upstream.watchIdle(client, server.config().idleTimeout());
            client.config().setAutoRead(true);
            http.config().setAutoRead(true);
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (!decided) {
                // Connected and left without a byte (a port check): nothing to say.
                ctx.close();
            }
            // Else the HTTP server is being connected; the splice passes the end of input on.
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        ctx.fireChannelInactive();
    }
}

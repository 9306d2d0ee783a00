package io.tessera.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * Reads the TLS ClientHello with Netty's parser ({@link AbstractSniHandler}: records up to 16 KiB,
 * a ClientHello spread over several records, a handshake timeout) without consuming it, looks the
 * cluster up, connects to its scheduler, and then removes itself: the buffered ClientHello bytes
 * flow on to the scheduler first, then the two connections are spliced. TLS is never terminated.
 */
final class SchedulerSniHandler extends AbstractSniHandler<InetSocketAddress> {

    static final String PREFIX = "daskgateway-";
    /** A cluster name is a DNS label; anything else is never looked up. */
    /** The most a connection may send before its ClientHello is complete: 16 KiB of handshake plus record headers. */
    private static final int MAX_BUFFERED = FrontDoorConfig.MAX_CLIENT_HELLO + 4096;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** Why a connection is refused; no stack trace: it is an answer, not an error. */
    static final class Refusal extends Exception {
        final ConnectionLog.Kind kind;

        Refusal(ConnectionLog.Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    private final FrontDoorServer server;
    private boolean decided;

    SchedulerSniHandler(FrontDoorServer server) {
        super(FrontDoorConfig.MAX_CLIENT_HELLO, server.config().handshakeTimeout().toMillis());
        this.server = server;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        // Once routed, bytes only accumulate until they are replayed to the scheduler.
        if (decided) {
            return;
        }
        // A record may announce up to 64 KiB; what a connection may make us hold is bounded lower.
        if (in.readableBytes() > MAX_BUFFERED) {
            decided = true;
            in.skipBytes(in.readableBytes());
            server.log().refused(ctx.channel(), ConnectionLog.Kind.MALFORMED,
                    "more than " + MAX_BUFFERED / 1024 + " KiB without a complete TLS ClientHello");
            ctx.close();
            return;
        }
        if (recordsComplete(in)) {
            super.decode(ctx, in, out);
        }
    }

    /**
     * Whether the bytes so far end at a TLS record boundary. Netty 4.1.133's parser miscounts the
     * bytes left by 4 after the first record of a ClientHello that spans records, and then reads a
     * partial next record header past the data; handed only whole records it is exact. Only the
     * record framing is read here (type, version, length); the ClientHello is Netty's to parse.
     */
    static boolean recordsComplete(ByteBuf in) {
        int offset = in.readerIndex();
        int end = in.writerIndex();
        while (offset + 5 <= end) {
            if (in.getUnsignedByte(offset + 1) != 3) {
                return true;
            }
            offset += 5 + in.getUnsignedShort(offset + 3);
        }
        return offset == end;
    }

    @Override
    protected Future<InetSocketAddress> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) throws Exception {
        decided = true;
        if (clientHello == null) {
            // Netty's parser found records, but no ClientHello in them.
            return refuse(ctx, ConnectionLog.Kind.MALFORMED, "not a TLS ClientHello");
        }
        return super.lookup(ctx, clientHello);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            if (!decided) {
                decided = true;
                server.log().refused(ctx.channel(), ConnectionLog.Kind.MALFORMED,
                        "ended its output before a complete TLS ClientHello");
                ctx.close();
            }
            // Else being routed: the decoder would drop the buffered ClientHello on this event, so it
            // stops here, and the splice passes the end of input on (Splice.endedEarly).
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected Future<InetSocketAddress> lookup(ChannelHandlerContext ctx, String hostname) {
        if (hostname == null) {
            return refuse(ctx, ConnectionLog.Kind.NO_SNI, "TLS ClientHello without a server name (SNI)");
        }
        String name = hostname.startsWith(PREFIX) ? hostname.substring(PREFIX.length()) : null;
        if (name == null || !NAME.matcher(name).matches()) {
            return refuse(ctx, ConnectionLog.Kind.FOREIGN_SNI, "server name " + ConnectionLog.printable(hostname)
                    + " is not daskgateway-<cluster>");
        }
        Promise<InetSocketAddress> promise = ctx.executor().newPromise();
        try {
            server.lookups().execute(() -> {
                try {
                    Optional<InetSocketAddress> target = server.routes().route(name);
                    if (target.isPresent()) {
                        promise.trySuccess(target.get());
                    } else {
                        promise.tryFailure(new Refusal(ConnectionLog.Kind.UNKNOWN_CLUSTER,
                                "server name " + hostname + ": no running cluster " + name));
                    }
                } catch (Exception | LinkageError e) {
                    promise.tryFailure(new Refusal(ConnectionLog.Kind.LOOKUP_FAILED,
                            "route lookup for cluster " + name + " failed: " + ConnectionLog.brief(e)));
                }
            });
        } catch (RejectedExecutionException e) {
            return refuse(ctx, ConnectionLog.Kind.LOOKUP_FAILED, "too many route lookups waiting");
        }
        return promise;
    }

    private static Future<InetSocketAddress> refuse(ChannelHandlerContext ctx, ConnectionLog.Kind kind, String message) {
        return ctx.executor().newFailedFuture(new Refusal(kind, message));
    }

    private static String where(InetSocketAddress target) {
        return target.isUnresolved() ? target.getHostString() + ":" + target.getPort() : ConnectionLog.address(target);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<InetSocketAddress> future) {
        Channel client = ctx.channel();
        if (!future.isSuccess()) {
            Refusal refusal = future.cause() instanceof Refusal r ? r
                    : new Refusal(ConnectionLog.Kind.LOOKUP_FAILED, ConnectionLog.brief(future.cause()));
            server.log().refused(client, refusal.kind, refusal.getMessage());
            ctx.close();
            return;
        }
        if (!client.isActive()) {
            return;
        }
        InetSocketAddress target = future.getNow();
        String cluster = hostname.substring(PREFIX.length());
        client.config().setAutoRead(false);
        Upstream.connect(client, target, server.config().connectTimeout(), false).addListener((ChannelFuture f) -> {
            if (!f.isSuccess() || !client.isActive()) {
                f.channel().close();
                if (client.isActive()) {
                    server.log().refused(client, ConnectionLog.Kind.SCHEDULER_UNREACHABLE, "scheduler of cluster "
                            + cluster + " at " + where(target) + " is unreachable: "
                            + ConnectionLog.brief(f.cause()));
                    client.close();
                }
                return;
            }
            Channel scheduler = f.channel();
            // Removing this decoder passes the buffered ClientHello to the splice, which replays it.
            Splice.join(client, scheduler);
            client.pipeline().remove(this);
            Splice.endedEarly(client, scheduler);
            Upstream.watchIdle(client, server.config().idleTimeout());
            ConnectionLog.debug("front door: %s routed to cluster %s at %s", client, cluster, target);
            client.config().setAutoRead(true);
            scheduler.config().setAutoRead(true);
        });
    }
}

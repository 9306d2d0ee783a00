package io.tessera.gateway.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * The last handler of every front-door channel: whatever reaches it (an exception, a timeout, a
 * stray message) ends in at most one log line and a closed connection, never in Netty's own
 * "reached the tail of the pipeline" warning with a stack trace.
 */
final class Guard extends ChannelInboundHandlerAdapter {

    private final ConnectionLog log;
    private final long handshakeSeconds;

    /** @param log null on upstream channels: their failures are reported on the client's side */
    Guard(ConnectionLog log) {
        this(log, 0);
    }

    Guard(ConnectionLog log, long handshakeSeconds) {
        this.log = log;
        this.handshakeSeconds = handshakeSeconds;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SniCompletionEvent sni && sni.cause() instanceof SslHandshakeTimeoutException && log != null) {
            log.refused(ctx.channel(), ConnectionLog.Kind.HANDSHAKE_TIMEOUT,
                    "no complete TLS ClientHello within " + handshakeSeconds + " s");
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (log != null && !(cause instanceof IOException)) {
            Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            log.refused(ctx.channel(), ConnectionLog.Kind.MALFORMED, "malformed TLS handshake ("
                    + reason.getClass().getSimpleName() + ")");
        } else {
            ConnectionLog.debug("front door: %s: %s", ctx.channel(), cause.toString());
        }
        ctx.close();
    }
}

package io.tessera.gateway.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One direction of a relayed connection: what {@code this} channel reads is written to
 * {@code peer} as the same buffers (no copy). Backpressure: while the peer cannot take more
 * ({@code !isWritable()}), this channel stops reading (autoRead off) until the peer drains.
 * Half-close: end of input here becomes a shutdown of the peer's output; a channel closes once
 * both of its directions are done, or at once when the other side fails.
 */
final class Splice extends ChannelInboundHandlerAdapter {

    private final Channel peer;

    Splice(Channel peer) {
        this.peer = peer;
    }

    /** Joins two channels whose reads are off; the caller turns reading on afterwards. */
    static void join(Channel a, Channel b) {
        a.pipeline().addBefore(FrontDoorServer.GUARD, "splice", new Splice(b));
        b.pipeline().addBefore(FrontDoorServer.GUARD, "splice", new Splice(a));
    }

    /** A client that ended its output before the splice existed (e.g. right after its first bytes): pass that on now. */
    static void endedEarly(Channel client, Channel upstream) {
        if (client instanceof DuplexChannel duplex && duplex.isInputShutdown() && upstream instanceof DuplexChannel up) {
            upstream.flush();
            up.shutdownOutput().addListener(f -> closeIfDone(upstream));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.write(msg).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
            peer.flush();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            if (peer instanceof DuplexChannel duplex && peer.isActive()) {
                peer.flush();
                duplex.shutdownOutput().addListener(f -> closeIfDone(peer));
            }
            closeIfDone(ctx.channel());
        } else if (event instanceof IdleStateEvent) {
            ConnectionLog.debug("front door: closing idle relayed connection %s", ctx.channel());
            ctx.close();
            peer.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Whatever the peer still has to write goes out first.
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by either side ends the relay; not worth a log line above debug.
        ConnectionLog.debug("front door: relay %s ended: %s", ctx.channel(), cause.toString());
        ctx.close();
        peer.close();
    }

    private static void closeIfDone(Channel channel) {
        if (channel instanceof DuplexChannel duplex && duplex.isShutdown()) {
            channel.close();
        }
    }
}

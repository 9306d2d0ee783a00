package io.tessera.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The head of an HTTP connection's first request (request line and headers, up to the empty line)
 * must arrive within the header timeout after its first byte, like nginx's client_header_timeout.
 * A client that trickles its headers (slow-loris) would otherwise hold a connection of the HTTP
 * server until its idle timeout, minutes, with nothing logged; here it is closed with one line.
 * Only the first request is watched: the bytes are scanned, never changed or held back, and the
 * handler leaves the pipeline once the empty line is seen. Later requests of a keep-alive
 * connection are the HTTP server's (its idle timeout and header size limit).
 */
final class HttpHeadDeadline extends ChannelInboundHandlerAdapter {

    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private final FrontDoorServer server;
    private ScheduledFuture<?> deadline;
    /** How many bytes of {@link #END_OF_HEAD} the bytes so far end with. */
    private int matched;

    HttpHeadDeadline(FrontDoorServer server) {
        this.server = server;
    }

    /**
     * Scans the connection's first bytes (read by the sniffer); true if they hold the whole head,
     * and the handler is not needed.
     */
    boolean completedBy(ByteBuf first) {
        return scan(first);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long millis = server.config().headerTimeout().toMillis();
        deadline = ctx.executor().schedule(() -> {
            server.log().refused(ctx.channel(), ConnectionLog.Kind.SLOW_HTTP_HEAD,
                    "sent no complete HTTP request head within " + millis / 1000 + " s");
            ctx.close();
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean complete = msg instanceof ByteBuf buf && scan(buf);
        if (complete) {
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    /** Whether the head is complete with these bytes; reads without moving the buffer's indexes. */
    private boolean scan(ByteBuf buf) {
        for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
            byte b = buf.getByte(i);
            matched = b == END_OF_HEAD[matched] ? matched + 1 : (b == END_OF_HEAD[0] ? 1 : 0);
            if (matched == END_OF_HEAD.length) {
                return true;
            }
        }
        return false;
    }
}

package io.tessera.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The front door's log: at most one line per refused connection, never a stack trace, and per
 * client address and kind of refusal at most one line a minute (a flood costs a line a minute,
 * which then says how many it stood for). Plain JBoss Logging rather than Quarkus' {@code Log}, so
 * that the server also runs outside Quarkus (its unit test).
 */
final class ConnectionLog {

    /** Why a connection was refused; the kind, not the detail, decides rate limiting. */
    enum Kind {
        BUSY, FIRST_BYTE_TIMEOUT, NOT_TLS, HANDSHAKE_TIMEOUT, MALFORMED, NO_SNI, FOREIGN_SNI, UNKNOWN_CLUSTER,
        LOOKUP_FAILED, SCHEDULER_UNREACHABLE, HTTP_UNREACHABLE, SLOW_HTTP_HEAD
    }

    static final String CATEGORY = "io.tessera.gateway.proxy";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final AttributeKey<Boolean> REPORTED = AttributeKey.valueOf("tessera.front-door.reported");
    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_KEYS = 10_000;

    private record Window(long startedAt, int suppressed) {
    }

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    ConnectionLog(Clock clock) {
        this.clock = clock;
    }

    /** Logs why {@code channel} is refused, unless this connection was reported already or the minute's line is out. */
    void refused(Channel channel, Kind kind, String reason) {
        if (channel.attr(REPORTED).setIfAbsent(Boolean.TRUE) != null) {
            return;
        }
        String client = address(channel.remoteAddress());
        String key = kind + " " + host(channel.remoteAddress());
        long now = clock.millis();
        if (windows.size() > MAX_KEYS) {
            windows.clear();
        }
        Window[] before = new Window[1];
        Window window = windows.compute(key, (k, old) -> {
            before[0] = old;
            return old == null || now - old.startedAt() >= WINDOW_MILLIS ? new Window(now, 0)
                    : new Window(old.startedAt(), old.suppressed() + 1);
        });
        if (window.suppressed() > 0) {
            return;
        }
        String more = before[0] != null && before[0].suppressed() > 0
                ? " (" + before[0].suppressed() + " more like it from this address in the minute before)" : "";
        String line = "front door: closed connection from " + client + ": " + reason + more;
        if (kind == Kind.SCHEDULER_UNREACHABLE || kind == Kind.HTTP_UNREACHABLE || kind == Kind.BUSY
                || kind == Kind.LOOKUP_FAILED) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    /** Whether a line was written (or suppressed) for this connection already. */
    static boolean reported(Channel channel) {
        return channel.attr(REPORTED).get() != null;
    }

    static void debug(String message, Object... params) {
        LOG.debugf(message, params);
    }

    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    private static String host(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** A cause in a few words (its message, else its type): log lines carry no stack traces. */
    static String brief(Throwable cause) {
        if (cause == null) {
            return "closed";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** A name from the network, fit for a log line: only DNS characters, at most 80 of them. */
    static String printable(String untrusted) {
        String cut = untrusted.length() > 80 ? untrusted.substring(0, 80) + "..." : untrusted;
        return cut.replaceAll("[^a-zA-Z0-9.\\-_]", "?");
    }
}

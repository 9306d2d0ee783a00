package io.tessera.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Real bytes and real sockets for the front-door tests: ClientHellos from the JDK's TLS engine, an echo server, a log capture. */
final class TestNetwork {

    private TestNetwork() {
    }

    /** The ClientHello the JDK's TLS client sends, with that server name (none if null). */
    static byte[] clientHello(String serverName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        if (serverName != null) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            engine.setSSLParameters(parameters);
        }
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    /** The same handshake message re-cut into TLS records of at most {@code size} bytes each (RFC 8446 5.1 allows it). */
    static byte[] fragmented(byte[] record, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 5; offset < record.length; offset += size) {
            int length = Math.min(size, record.length - offset);
            out.write(0x16);
            out.write(record[1]);
            out.write(record[2]);
            out.write(length >> 8);
            out.write(length & 0xff);
            out.write(record, offset, length);
        }
        return out.toByteArray();
    }

    /** Reads until end of stream or {@code millis} of silence; returns what came and whether the peer closed. */
    static Read readAll(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        InputStream in = socket.getInputStream();
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return new Read(out.toByteArray(), true);
        } catch (SocketTimeoutException e) {
            return new Read(out.toByteArray(), false);
        } catch (IOException e) {
            // A reset is a close too.
            return new Read(out.toByteArray(), true);
        }
    }

    record Read(byte[] bytes, boolean closed) {
    }

    /** A TCP server on loopback that echoes each connection until end of input, then half-closes; keeps what it got. */
    static final class Echo implements AutoCloseable {
        final ServerSocket server;
        final List<byte[]> received = new CopyOnWriteArrayList<>();
        final List<Boolean> sawEndOfInput = new CopyOnWriteArrayList<>();

        Echo() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(this::serve, "echo");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread thread = new Thread(() -> echo(socket), "echo-connection");
                    thread.setDaemon(true);
                    thread.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void echo(Socket socket) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try (socket) {
                byte[] buffer = new byte[65536];
                InputStream in = socket.getInputStream();
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    all.write(buffer, 0, n);
                    socket.getOutputStream().write(buffer, 0, n);
                }
                sawEndOfInput.add(true);
                socket.shutdownOutput();
                received.add(all.toByteArray());
            } catch (IOException e) {
                received.add(all.toByteArray());
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Collects the records of a log category (and its children) while installed. */
    static final class LogCapture implements AutoCloseable {
        private final Logger logger;
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        LogCapture(String category) {
            logger = Logger.getLogger(category);
            handler.setLevel(Level.ALL);
            logger.addHandler(handler);
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (LogRecord record : records) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    lines.add(record.getMessage());
                }
            }
            return lines;
        }

        boolean anyStackTrace() {
            return records.stream().anyMatch(r -> r.getThrown() != null);
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
        }
    }
}

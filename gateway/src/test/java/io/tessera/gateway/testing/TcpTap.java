package io.tessera.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback TCP relay that records every byte sent towards its target: put between the gateway
 * and a local scheduler, it shows exactly which headers the proxy forwards (HTTP and WebSocket).
 */
public final class TcpTap implements AutoCloseable {

    private final ServerSocket server;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    public TcpTap(int listenPort, int targetPort) throws IOException {
        server = new ServerSocket(listenPort, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    pump(in.getInputStream(), out.getOutputStream(), true, in, out);
                    pump(out.getInputStream(), in.getOutputStream(), false, in, out);
                } catch (IOException e) {
                    // closed
                }
            }
        }, "tcp-tap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(InputStream from, OutputStream to, boolean record, Socket a, Socket b) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    if (record) {
                        synchronized (seen) {
                            seen.write(buffer, 0, n);
                        }
                    }
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    a.close();
                    b.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }, "tcp-tap-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Everything sent towards the target so far, as ISO-8859-1 text (headers are ASCII). */
    public String seen() {
        synchronized (seen) {
            return seen.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package io.tessera.gateway.proxy;

import static io.tessera.gateway.proxy.TestNetwork.clientHello;
import static io.tessera.gateway.proxy.TestNetwork.fragmented;
import static io.tessera.gateway.proxy.TestNetwork.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The front door on loopback with real sockets: a TCP echo server stands in for a scheduler (the
 * proxy never looks past the ClientHello, so the bytes after it need not be TLS; SchedulerProxyIT
 * runs real TLS Dask schedulers) and the JDK's HTTP server for the gateway's HTTP server.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FrontDoorServerTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    private TestNetwork.Echo echo;
    private HttpServer http;
    private final List<String> remotePorts = new CopyOnWriteArrayList<>();
    private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();
    private TestNetwork.LogCapture log;
    private TestNetwork.LogCapture netty;
    private FrontDoorServer door;

    @BeforeEach
    void setUp() throws IOException {
        echo = new TestNetwork.Echo();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        http.createContext("/", exchange -> {
            remotePorts.add(String.valueOf(exchange.getRemoteAddress().getPort()));
            byte[] body = ("hello " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        routes.put("alpha-0123456789", new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.port()));
        log = new TestNetwork.LogCapture(ConnectionLog.CATEGORY);
        netty = new TestNetwork.LogCapture("io.netty");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (door != null) {
            door.close();
        }
        http.stop(0);
        echo.close();
        assertThat(log.anyStackTrace()).as("stack traces logged").isFalse();
        assertThat(netty.lines()).as("Netty's own warnings").isEmpty();
        log.close();
        netty.close();
    }

    private FrontDoorServer start(int maxConnections, Duration firstByte, boolean proxyHeader, InetSocketAddress httpTarget)
            throws InterruptedException {
        FrontDoorConfig config = new FrontDoorConfig("127.0.0.1", 0, 0, () -> httpTarget, proxyHeader,
                Duration.ofSeconds(3), SHORT, SHORT, firstByte, Duration.ofMinutes(5), maxConnections, 2, 2);
        door = FrontDoorServer.start(config, name -> Optional.ofNullable(routes.get(name)), Clock.systemUTC());
        return door;
    }

    private FrontDoorServer start() throws InterruptedException {
        return start(2000, Duration.ofSeconds(30), false, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                http.getAddress().getPort()));
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), door.port());
    }

    private String get(HttpClient client, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + door.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A routed connection: the echo answers what it got, so the reply starts with the replayed ClientHello. */
    private void assertRoutedAndEchoed() throws Exception {
        byte[] hello = clientHello("daskgateway-alpha-0123456789");
        try (Socket socket = connect()) {
            socket.getOutputStream().write(hello);
            socket.shutdownOutput();
            TestNetwork.Read read = readAll(socket, 10_000);
            assertThat(read.bytes()).isEqualTo(hello);
            assertThat(read.closed()).isTrue();
        }
    }

    /** A refused connection: closed without an answer, and exactly one log line containing {@code phrase}. */
    private void assertClosedWithOneLine(Socket socket, int waitMillis, String phrase) throws Exception {
        TestNetwork.Read read = readAll(socket, waitMillis);
        assertThat(read.closed()).as("closed by the front door").isTrue();
        assertThat(read.bytes()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.lines()).hasSize(1));
        assertThat(log.lines().get(0)).startsWith("front door: closed connection from 127.0.0.1:").contains(phrase);
        Thread.sleep(200);
        assertThat(log.lines()).hasSize(1);
        socket.close();
    }

    @Test
    void shouldReplayTheClientHelloThenSpliceBothWaysAndPropagateHalfClose() throws Exception {
        start();
        byte[] hello = clientHello("daskgateway-alpha-0123456789");
        byte[] payload = new byte[8 << 20];
        new Random(1).nextBytes(payload);
        try (Socket socket = connect()) {
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(hello);
                    out.write(payload);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            TestNetwork.Read read = readAll(socket, 20_000);
            writer.join();
            // The scheduler side saw the client's end of input, answered everything, then closed.
            assertThat(read.closed()).isTrue();
            assertThat(read.bytes()).hasSize(hello.length + payload.length);
            assertThat(Arrays.copyOf(read.bytes(), hello.length)).isEqualTo(hello);
            assertThat(Arrays.copyOfRange(read.bytes(), hello.length, read.bytes().length)).isEqualTo(payload);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> echo.sawEndOfInput.size() == 1);
        assertThat(echo.received.get(0)).startsWith(hello);
        assertThat(log.lines()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> door.openConnections() == 0);
    }

    @Test
    void shouldParseAClientHelloSpreadOverManyRecordsArrivingByteByByte() throws Exception {
        start();
        byte[] pieces = fragmented(clientHello("daskgateway-alpha-0123456789"), 40);
        try (Socket socket = connect()) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < pieces.length; i++) {
                out.write(pieces[i]);
                out.flush();
                if (i % 64 == 0) {
                    Thread.sleep(5);
                }
            }
            socket.shutdownOutput();
            TestNetwork.Read read = readAll(socket, 10_000);
            assertThat(read.bytes()).isEqualTo(pieces);
        }
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void shouldRelayHttpUnchangedAndKeepAnIdleKeepAliveConnectionPastTheFirstByteTimeout() throws Exception {
        start(100, SHORT, false, new InetSocketAddress(InetAddress.getLoopbackAddress(), http.getAddress().getPort()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(get(client, "/api/health")).isEqualTo("hello /api/health");
        // Longer than the first-byte timeout: that timeout applies only before a connection's first byte.
        Thread.sleep(2_500);
        assertThat(get(client, "/again")).isEqualTo("hello /again");
        assertThat(remotePorts).hasSize(2);
        assertThat(remotePorts.get(1)).as("the same relayed connection").isEqualTo(remotePorts.get(0));
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void shouldStartHttpConnectionsWithAProxyProtocolHeaderCarryingTheClientAddress() throws Exception {
        try (ServerSocket backend = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            start(100, Duration.ofSeconds(30), true, (InetSocketAddress) backend.getLocalSocketAddress());
            backend.setSoTimeout(10_000);
            try (Socket socket = connect()) {
                // Nothing is relayed before the first byte: only then is the HTTP server connected.
                socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                Socket relayed = backend.accept();
                InputStream in = relayed.getInputStream();
                byte[] header = in.readNBytes(16 + 12);
                // v2 signature, PROXY command, TCP over IPv4, 12 address bytes.
                assertThat(Arrays.copyOf(header, 12)).isEqualTo(new byte[] {13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10});
                assertThat(header[12]).isEqualTo((byte) 0x21);
                assertThat(header[13]).isEqualTo((byte) 0x11);
                int sourcePort = ((header[16 + 8] & 0xff) << 8) | (header[16 + 9] & 0xff);
                int destinationPort = ((header[16 + 10] & 0xff) << 8) | (header[16 + 11] & 0xff);
                assertThat(sourcePort).isEqualTo(socket.getLocalPort());
                assertThat(destinationPort).isEqualTo(door.port());
                assertThat(new String(in.readNBytes(18), StandardCharsets.US_ASCII)).isEqualTo("GET / HTTP/1.1\r\n\r\n");
                relayed.close();
            }
        }
    }

    @Test
    void shouldCloseAClientHelloWithoutServerName() throws Exception {
        start();
        Socket socket = connect();
        socket.getOutputStream().write(clientHello(null));
        assertClosedWithOneLine(socket, 5_000, "TLS ClientHello without a server name (SNI)");
        assertRoutedAndEchoed();
    }

    @Test
    void shouldCloseAServerNameThatIsNoCluster() throws Exception {
        start();
        Socket socket = connect();
        socket.getOutputStream().write(clientHello("www.example.org"));
        assertClosedWithOneLine(socket, 5_000, "server name www.example.org is not daskgateway-<cluster>");
    }

    @Test
    void shouldCloseAnUnknownOrNotRunningCluster() throws Exception {
        start();
        Socket socket = connect();
        socket.getOutputStream().write(clientHello("daskgateway-beta-0123456789"));
        assertClosedWithOneLine(socket, 5_000, "no running cluster beta-0123456789");
    }

    @Test
    void shouldCloseGarbageThatStartsLikeTls() throws Exception {
        start();
        byte[] garbage = new byte[600];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0x16;
        garbage[1] = 0x03;
        garbage[2] = 0x01;
        garbage[3] = 0x02;
        garbage[4] = 0x00;
        garbage[5] = 0x42;
        Socket socket = connect();
        socket.getOutputStream().write(garbage);
        assertClosedWithOneLine(socket, 5_000, "not a TLS ClientHello");
        assertRoutedAndEchoed();
        door.close();
        log.records.clear();
        start();
        Socket other = connect();
        other.getOutputStream().write(new byte[] {0x16, 0x7f, 0x00, 0x00, 0x10, 1, 2, 3});
        assertClosedWithOneLine(other, 5_000, "not a TLS ClientHello");
    }

    @Test
    void shouldCloseAClientHelloThatClaimsMoreThan16KiB() throws Exception {
        start();
        Socket socket = connect();
        // A ClientHello announcing 1 MiB: refused at once, nothing of that size is buffered.
        byte[] record = new byte[5 + 16];
        System.arraycopy(new byte[] {0x16, 0x03, 0x01, 0x00, 0x10, 0x01, 0x10, 0x00, 0x00}, 0, record, 0, 9);
        socket.getOutputStream().write(record);
        assertClosedWithOneLine(socket, 5_000, "malformed TLS handshake (TooLongFrameException)");
    }

    @Test
    void shouldCloseAConnectionThatSendsMoreThan20KiBWithoutAClientHello() throws Exception {
        start();
        Socket socket = connect();
        // A record header announcing 64 KiB, then its bytes: the front door stops holding them at 20 KiB.
        byte[] record = new byte[5 + 65535];
        System.arraycopy(new byte[] {0x16, 0x03, 0x01, (byte) 0xff, (byte) 0xff}, 0, record, 0, 5);
        try {
            socket.getOutputStream().write(record);
        } catch (IOException e) {
            // Closed while writing: that is the point.
        }
        assertClosedWithOneLine(socket, 5_000, "more than 20 KiB without a complete TLS ClientHello");
    }

    @Test
    void shouldCloseATruncatedHandshakeAfterTheHandshakeTimeout() throws Exception {
        start();
        byte[] hello = clientHello("daskgateway-alpha-0123456789");
        Socket socket = connect();
        socket.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
        long started = System.nanoTime();
        assertClosedWithOneLine(socket, 10_000, "no complete TLS ClientHello within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(800));
    }

    @Test
    void shouldCloseAConnectionThatSendsNothingAfterTheFirstByteTimeout() throws Exception {
        start(100, SHORT, false, new InetSocketAddress(InetAddress.getLoopbackAddress(), http.getAddress().getPort()));
        Socket socket = connect();
        assertClosedWithOneLine(socket, 10_000, "sent nothing within 1 s");
    }

    @Test
    void shouldCloseTheClientWhenTheSchedulerIsDown() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        routes.put("down-0123456789", new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort));
        start();
        Socket socket = connect();
        socket.getOutputStream().write(clientHello("daskgateway-down-0123456789"));
        assertClosedWithOneLine(socket, 5_000, "scheduler of cluster down-0123456789 at 127.0.0.1:" + closedPort
                + " is unreachable");
    }

    @Test
    void shouldCloseNonTlsOnTheSchedulerOnlyPortAndRouteTlsThere() throws Exception {
        start();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), door.tlsPort());
        socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertClosedWithOneLine(socket, 5_000, "not TLS on the scheduler-only port");
        byte[] hello = clientHello("daskgateway-alpha-0123456789");
        try (Socket tls = new Socket(InetAddress.getLoopbackAddress(), door.tlsPort())) {
            tls.getOutputStream().write(hello);
            tls.shutdownOutput();
            assertThat(readAll(tls, 10_000).bytes()).isEqualTo(hello);
        }
    }

    @Test
    void shouldLogARepeatedRefusalFromOneAddressOnceAMinute() throws Exception {
        start();
        for (int i = 0; i < 20; i++) {
            try (Socket socket = connect()) {
                socket.getOutputStream().write(clientHello(null));
                assertThat(readAll(socket, 5_000).closed()).isTrue();
            }
        }
        Thread.sleep(200);
        assertThat(log.lines()).hasSize(1);
    }

    @Test
    void shouldCloseAClientThatTricklesItsHttpHeadersAfterTheHeaderTimeoutAndServeOthers() throws Exception {
        start();
        Socket socket = connect();
        OutputStream out = socket.getOutputStream();
        out.write("GET /slow HTTP/1.1\r\nHost: gateway\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread trickle = new Thread(() -> {
            try {
                for (int i = 0; i < 20; i++) {
                    Thread.sleep(250);
                    out.write(("X-Slow-" + i + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // the front door closed the connection, as it should
            }
        });
        trickle.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(get(client, "/meanwhile")).isEqualTo("hello /meanwhile");
        long started = System.nanoTime();
        assertClosedWithOneLine(socket, 10_000, "sent no complete HTTP request head within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        trickle.join(10_000);
    }

    @Test
    void shouldHoldAThousandIdleConnectionsOnTwoThreadsAndKeepServingOthers() throws Exception {
        start();
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                idle.add(connect());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> door.openConnections() == 1000);
            Set<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith("tessera-front-door-")).filter(n -> !n.contains("lookup"))
                    .collect(java.util.stream.Collectors.toSet());
            assertThat(threads).hasSizeLessThanOrEqualTo(2);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThat(get(client, "/busy")).isEqualTo("hello /busy");
            assertRoutedAndEchoed();
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        // All but the HTTP client's pooled keep-alive connection.
        await().atMost(Duration.ofSeconds(10)).until(() -> door.openConnections() <= 1);
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void shouldRefuseConnectionsOverTheCapWithOneLine() throws Exception {
        start(20, Duration.ofSeconds(30), false, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                http.getAddress().getPort()));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                held.add(connect());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> door.openConnections() == 20);
            for (int i = 0; i < 5; i++) {
                try (Socket over = connect()) {
                    assertThat(readAll(over, 5_000).closed()).isTrue();
                }
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.lines()).hasSize(1));
            assertThat(log.lines().get(0)).contains("20 connections are open, the most allowed");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> door.openConnections() == 0);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(get(client, "/after")).isEqualTo("hello /after");
    }
}

package io.tessera.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tessera.gateway.testing.DaskCredentials;
import io.tessera.gateway.testing.DaskProcess;
import io.tessera.gateway.testing.LocalKubernetes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The front door with real TLS Dask schedulers (each cluster with its own certificate, as the
 * operator runs them) and the unchanged dask-gateway client comm ({@code gateway://host:port/name},
 * {@code GatewaySecurity}) from the project's Python venv (-Dtessera.python).
 */
class SchedulerProxyIT {

    private static final String ALPHA = "alpha-0123456789";
    private static final String BETA = "beta-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static DaskCredentials alpha;
    private static DaskCredentials beta;
    private static DaskProcess alphaScheduler;
    private static DaskProcess alphaWorker;
    private static DaskProcess betaScheduler;
    private static HttpServer http;
    private static FrontDoorServer door;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createDirectories(Path.of("target", "scheduler-proxy-it")).toAbsolutePath();
        alpha = DaskCredentials.create(ALPHA, work.resolve(ALPHA));
        beta = DaskCredentials.create(BETA, work.resolve(BETA));
        int alphaPort = DaskProcess.freePort();
        int betaPort = DaskProcess.freePort();
        alphaScheduler = DaskProcess.scheduler(alpha, alphaPort, work.resolve("alpha-scheduler.log"));
        alphaWorker = DaskProcess.worker(alpha, alphaPort, work.resolve("alpha-worker.log"));
        betaScheduler = DaskProcess.scheduler(beta, betaPort, work.resolve("beta-scheduler.log"));
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        http.createContext("/", exchange -> {
            byte[] body = "gateway http".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Map<String, InetSocketAddress> routes = Map.of(ALPHA, new InetSocketAddress(loopback, alphaPort),
                BETA, new InetSocketAddress(loopback, betaPort));
        FrontDoorConfig config = new FrontDoorConfig("127.0.0.1", 0, 0,
                () -> new InetSocketAddress(loopback, http.getAddress().getPort()), false, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(10), 1000, 2, 2);
        door = FrontDoorServer.start(config, name -> Optional.ofNullable(routes.get(name)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (door != null) {
            door.close();
        }
        if (http != null) {
            http.stop(0);
        }
        for (DaskProcess process : new DaskProcess[] {alphaWorker, alphaScheduler, betaScheduler}) {
            if (process != null) {
                process.close();
            }
        }
    }

    /** Runs the dask-gateway client against {@code gateway://127.0.0.1:<port>/<cluster>}. */
    static JsonNode client(int port, String cluster, DaskCredentials credentials, String mode) throws Exception {
        Path script = Path.of(resource("/scheduler-proxy/client.py"));
        ProcessBuilder builder = new ProcessBuilder(LocalKubernetes.python(), script.toString(),
                "gateway://127.0.0.1:" + port + "/" + cluster, credentials.cert().toString(),
                credentials.key().toString(), mode).redirectError(ProcessBuilder.Redirect.DISCARD);
        List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
                .forEach(builder.environment()::remove);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the client did not finish within 120 s");
        }
        String last = out.lines().reduce((a, b) -> b).orElse("");
        assertThat(last).as("client output (python " + LocalKubernetes.python() + ", needs -Dtessera.python="
                + "$(e2e-tests/python/ensure-venv.sh))").startsWith("{");
        return JSON.readTree(last);
    }

    private static URI resource(String name) throws URISyntaxException {
        return SchedulerProxyIT.class.getResource(name).toURI();
    }

    @Test
    void shouldComputeOnAClusterThroughTheSharedPortWithTheUnchangedClient() throws Exception {
        JsonNode result = client(door.port(), ALPHA, alpha, "compute");
        assertThat(result.path("ok").asBoolean()).as(result.toString() + alphaScheduler.log()).isTrue();
        assertThat(result.path("sum").asInt()).isEqualTo(42);
        assertThat(result.path("roundtrip").asBoolean()).isTrue();
    }

    @Test
    void shouldReachEachClusterWithItsOwnCertificateAlsoOnTheSchedulerOnlyPort() throws Exception {
        JsonNode a = client(door.tlsPort(), ALPHA, alpha, "info");
        JsonNode b = client(door.tlsPort(), BETA, beta, "info");
        assertThat(a.path("ok").asBoolean()).as(a.toString()).isTrue();
        assertThat(b.path("ok").asBoolean()).as(b.toString()).isTrue();
        assertThat(a.path("scheduler").asText()).isNotEqualTo(b.path("scheduler").asText());
    }

    @Test
    void shouldFailTheHandshakeWhenOneClustersCertificateIsUsedForAnother() throws Exception {
        try (TestNetwork.LogCapture log = new TestNetwork.LogCapture(ConnectionLog.CATEGORY)) {
            JsonNode result = client(door.port(), BETA, alpha, "info");
            assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
            // The proxy routed it (no refusal); the TLS session between client and scheduler failed.
            assertThat(log.lines()).isEmpty();
        }
        // The client trusts only its own cluster's certificate: it rejects beta's scheduler.
        assertThat(betaScheduler.log()).contains("TLS handshake failed").contains("unknown ca");
    }

    @Test
    void shouldCloseAnUnknownClusterAndServeHttpOnTheSamePort() throws Exception {
        try (TestNetwork.LogCapture log = new TestNetwork.LogCapture(ConnectionLog.CATEGORY)) {
            JsonNode result = client(door.port(), "gamma-0123456789", alpha, "info");
            assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
            assertThat(log.lines()).isNotEmpty().allMatch(l -> l.contains("no running cluster gamma-0123456789"));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + door.port() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("gateway http");
    }
}

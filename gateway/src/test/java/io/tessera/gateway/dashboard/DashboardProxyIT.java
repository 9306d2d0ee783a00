package io.tessera.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.gateway.cluster.ClusterService;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.identity.TokenService;
import io.tessera.gateway.testing.DashboardProfile;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.KeycloakTokens;
import io.tessera.gateway.testing.DaskProcess;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.TcpTap;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard proxy against a REAL Dask scheduler (the project's venv, dashboard under
 * /clusters/<name>/ as on the pods), with a TcpTap in between that records what reaches the
 * scheduler. Identities are real: Tessera API tokens, a Keycloak access token (dave, platform admin)
 * and a Keycloak browser login (code flow, session cookie). RUNNING is the status the operator would write.
 */
@QuarkusTest
@TestProfile(DashboardProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class DashboardProxyIT {

    private static final Pattern RESOURCE = Pattern.compile("src=\"(/clusters/[^\"]+/static/js/bokeh\\.min\\.js[^\"]*)\"");
    private static final Pattern BOKEH_TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    private static DaskProcess scheduler;
    private static TcpTap tap;
    private static String name;
    private static String pending;
    private static String owner;
    private static String groupAdmin;
    private static String member;
    private static String stranger;

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    Tenants tenants;

    @Inject
    GroupService groups;

    @Inject
    ClusterService clusters;

    @Inject
    TokenService tokens;

    @Inject
    KubernetesClient kube;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void oneRunningClusterWithARealScheduler() throws IOException {
        if (scheduler != null) {
            return;
        }
        String group = tenants.group("dash", Tenants.cores(16), "dora", "sam");
        groups.addMember(group, "gabe", true);
        tenants.group("other", Tenants.cores(4), "otto");
        name = clusters.create("dora", null);
        pending = clusters.create("dora", null);
        String namespace = groups.get(group).namespace;
        ArrayCluster cluster = kube.resources(ArrayCluster.class).inNamespace(namespace).withName(name).get();
        ArrayClusterStatus status = new ArrayClusterStatus();
        status.setPhase(ArrayClusterPhase.Running);
        cluster.setStatus(status);
        kube.resources(ArrayCluster.class).inNamespace(namespace).resource(cluster).updateStatus();
        owner = tokens.create("dora", "dashboard IT", null).token();
        groupAdmin = tokens.create("gabe", "dashboard IT", null).token();
        member = tokens.create("sam", "dashboard IT", null).token();
        stranger = tokens.create("otto", "dashboard IT", null).token();
        int schedulerPort = DaskProcess.freePort();
        scheduler = DaskProcess.dashboardScheduler(name, schedulerPort, DaskProcess.freePort(),
                Files.createTempDirectory("dashboard-scheduler").resolve("scheduler.log"));
        tap = new TcpTap(DashboardProfile.TARGET_PORT, schedulerPort);
    }

    @AfterAll
    static void stopScheduler() throws IOException, InterruptedException {
        if (tap != null) {
            tap.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private String base() {
        return gateway.toString().replaceAll("/$", "");
    }

    private HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> status(String token) {
        return get("/clusters/" + name + "/status", "Authorization", "token " + token);
    }

    @Test
    void shouldServeTheDashboardItsResourcesAndItsWebSocketToTheOwner() throws Exception {
        HttpResponse<String> page = status(owner);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<title>Dask");

        Matcher resource = RESOURCE.matcher(page.body());
        assertThat(resource.find()).as("the page references bokeh.min.js under the prefix").isTrue();
        assertThat(resource.group(1)).startsWith("/clusters/" + name + "/static/");
        HttpResponse<String> script = get(resource.group(1), "Authorization", "token " + owner);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(script.body().length()).isGreaterThan(100_000);

        // Bokeh's WebSocket: 101 through the proxy, the server's ACK, then a request and its reply.
        Matcher token = BOKEH_TOKEN.matcher(page.body());
        assertThat(token.find()).isTrue();
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "token " + owner)
                .subprotocols("bokeh", token.group(1))
                .buildAsync(URI.create(base().replace("http://", "ws://") + "/clusters/" + name + "/status/ws"),
                        collector(frames)).get(30, TimeUnit.SECONDS);
        assertThat(socket.getSubprotocol()).isEqualTo("bokeh");
        assertThat(frames.poll(30, TimeUnit.SECONDS)).contains("\"msgtype\": \"ACK\"");
        socket.sendText("{\"msgid\": \"t1\", \"msgtype\": \"PULL-DOC-REQ\"}", true).get(10, TimeUnit.SECONDS);
        socket.sendText("{}", true).get(10, TimeUnit.SECONDS);
        socket.sendText("{}", true).get(10, TimeUnit.SECONDS);
        String reply = null;
        for (int i = 0; i < 50 && reply == null; i++) {
            String frame = frames.poll(30, TimeUnit.SECONDS);
            assertThat(frame).as("a frame from the scheduler").isNotNull();
            reply = frame.contains("PULL-DOC-REPLY") ? frame : null;
        }
        assertThat(reply).contains("\"reqid\": \"t1\"");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

        // Any method: a POST (as Bokeh makes) reaches the scheduler, which does not accept it here.
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base() + "/clusters/" + name + "/status"))
                .header("Authorization", "token " + owner).POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(405);

        // What reached the scheduler: the path unchanged, forwarding headers, never the caller's credentials.
        String seen = tap.seen();
        assertThat(seen).contains("GET /clusters/" + name + "/status HTTP/1.1").contains("GET /clusters/" + name + "/status/ws")
                .containsIgnoringCase("x-forwarded-for: 127.0.0.1").containsIgnoringCase("x-forwarded-proto: http")
                .doesNotContainIgnoringCase("authorization").doesNotContain(owner).doesNotContain("tsr_");
    }

    @Test
    void shouldLetTheOwnerGroupAdminsAndPlatformAdminsInAndTellEveryoneElseTheSame404() {
        assertThat(status(owner).statusCode()).isEqualTo(200);
        assertThat(status(groupAdmin).statusCode()).isEqualTo(200);
        HttpResponse<String> admin = get("/clusters/" + name + "/status", "Authorization", KeycloakTokens.bearer("dave"));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("<title>Dask");

        List<HttpResponse<String>> refused = List.of(status(member), status(stranger),
                get("/clusters/nope-0000000000/status", "Authorization", "token " + owner),
                get("/clusters/" + pending + "/status", "Authorization", "token " + owner),
                get("/clusters/" + name + "/../" + name + "/status", "Authorization", "token " + owner),
                get("/clusters/" + name + "/status", "Authorization", KeycloakTokens.bearer("carol")));
        for (HttpResponse<String> answer : refused) {
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo("{\"error\":\"Not Found\"}");
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
        }

        // No credentials: the API's 401 for scripts, the Keycloak login for a browser.
        HttpResponse<String> script = get("/clusters/" + name + "/status", "Accept", "application/json");
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(script.body()).contains("\"error\"");
        assertThat(get("/clusters/nope-0000000000/status").statusCode()).isEqualTo(401);
        HttpResponse<String> browser = get("/clusters/" + name + "/status", "Accept", "text/html,application/xhtml+xml");
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location").orElse(""))
                .startsWith(KeycloakResource.issuer() + "/protocol/openid-connect/auth");
        assertThat(get("/clusters/" + name + "/status", "Authorization", "token tsr_bogus").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldLogABrowserInThroughKeycloakAndBringItBackToTheDashboard() throws Exception {
        // Keycloak marks its cookies Secure; browsers keep them on http://127.0.0.1 (a secure context), so must we.
        CookieStore jar = new CookieManager().getCookieStore();
        CookieStore loopback = (CookieStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CookieStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("add")) {
                        ((HttpCookie) args[1]).setSecure(false);
                    }
                    return method.invoke(jar, args);
                });
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(loopback, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String start = base() + "/clusters/" + name + "/status";
        HttpResponse<String> answer = browse(browser, HttpRequest.newBuilder(URI.create(start)));
        assertThat(answer.statusCode()).isEqualTo(302);
        answer = follow(browser, answer);
        assertThat(answer.statusCode()).isEqualTo(200);
        Matcher form = Pattern.compile("action=\"([^\"]+)\"").matcher(answer.body());
        assertThat(form.find()).as("Keycloak's login form").isTrue();
        String action = form.group(1).replace("&amp;", "&");
        answer = browse(browser, HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=dave&password="
                        + URLEncoder.encode("dave" + KeycloakResource.PASSWORD_SUFFIX, StandardCharsets.UTF_8)
                        + "&credentialId=")));
        answer = follow(browser, answer);
        assertThat(answer.uri().toString()).as(answer.body()).isEqualTo(start);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<title>Dask");
        // The session cookie authenticated the request, and was not passed on to the scheduler.
        assertThat(tap.seen()).doesNotContain("q_session");
    }

    @Test
    void shouldKeepServingOthersWhileSlowClientsTrickleTheirHeaders() throws Exception {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.getPort());
                socket.getOutputStream().write(("GET /clusters/" + name + "/status HTTP/1.1\r\nHost: x\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            for (int round = 0; round < 10; round++) {
                for (Socket socket : slow) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("X-Slow-" + round + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                long started = System.nanoTime();
                assertThat(status(owner).statusCode()).isEqualTo(200);
                assertThat(get("/api/health").statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                Thread.sleep(300);
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
            Thread.sleep(500);
            root.removeHandler(capture);
        }
        assertThat(logged).as("no stack trace, at most one line for the slow clients").hasSizeLessThanOrEqualTo(1)
                .allSatisfy(r -> assertThat(r.getThrown()).isNull());
    }

    private HttpResponse<String> browse(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.header("Accept", "text/html").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> follow(HttpClient client, HttpResponse<String> answer) throws Exception {
        for (int i = 0; i < 10 && answer.statusCode() / 100 == 3; i++) {
            URI next = answer.uri().resolve(answer.headers().firstValue("Location").orElseThrow());
            answer = browse(client, HttpRequest.newBuilder(next));
        }
        return answer;
    }

    private static WebSocket.Listener collector(LinkedBlockingQueue<String> frames) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                socket.request(1);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket socket, java.nio.ByteBuffer data, boolean last) {
                socket.request(1);
                return CompletableFuture.completedFuture(null);
            }
        };
    }
}

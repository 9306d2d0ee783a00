package io.tessera.gateway.proxy;

import static io.restassured.RestAssured.given;
import static io.tessera.gateway.proxy.TestNetwork.clientHello;
import static io.tessera.gateway.proxy.TestNetwork.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.testing.DaskCredentials;
import io.tessera.gateway.testing.DaskProcess;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The front door wired into the gateway: the real API server (local cluster), PostgreSQL and
 * Keycloak, the REST API answering through the front door (with the client's address carried by
 * a PROXY header), and a cluster created through the API, made RUNNING as the operator would,
 * routed to a real TLS Dask scheduler; bad input meanwhile costs one log line each.
 */
@QuarkusTest
@TestProfile(FrontDoorProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class FrontDoorIT {

    @Inject
    FrontDoor frontDoor;

    @Inject
    Tenants tenants;

    @Inject
    GroupService groups;

    @Inject
    KubernetesClient kube;

    private RequestSpecification api() {
        return given().port(frontDoor.port()).contentType(ContentType.JSON);
    }

    private void markRunning(String namespace, String name) {
        ArrayCluster cluster = kube.resources(ArrayCluster.class).inNamespace(namespace).withName(name).get();
        ArrayClusterStatus status = new ArrayClusterStatus();
        status.setPhase(ArrayClusterPhase.Running);
        cluster.setStatus(status);
        kube.resources(ArrayCluster.class).inNamespace(namespace).resource(cluster).updateStatus();
    }

    @Test
    void shouldServeTheApiThroughTheFrontDoorWithTheClientsAddress() throws Exception {
        api().get("/api/health").then().statusCode(200).body("status", equalTo("pass"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), frontDoor.port())) {
            socket.getOutputStream().write("GET /test/client-address HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(readAll(socket, 10_000).bytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    @TestSecurity(user = "fay")
    void shouldRouteARunningClusterToItsSchedulerAndRefuseOthersWithOneLineEachWhileServing() throws Exception {
        String group = tenants.group("fay", new Limits(16_000L, null, null, null, null), "fay");
        String namespace = groups.get(group).namespace;
        String name = api().body("{}").post("/api/v1/clusters/").then().statusCode(201).extract().path("name");
        Path work = Files.createDirectories(Path.of("target", "front-door-it")).toAbsolutePath();
        DaskCredentials credentials = DaskCredentials.create(name, work.resolve(name));
        try (DaskProcess scheduler = DaskProcess.scheduler(credentials, FrontDoorProfile.SCHEDULER_PORT,
                work.resolve("scheduler.log"));
             TestNetwork.LogCapture log = new TestNetwork.LogCapture(ConnectionLog.CATEGORY)) {
            // PENDING: the scheduler exists, but the gateway does not route to it yet.
            JsonNode pending = SchedulerProxyIT.client(frontDoor.port(), name, credentials, "info");
            assertThat(pending.path("ok").asBoolean()).as(pending.toString()).isFalse();
            assertThat(log.lines()).isNotEmpty().allMatch(l -> l.contains("no running cluster " + name));

            markRunning(namespace, name);
            api().get("/api/v1/clusters/" + name + "?wait").then().statusCode(200).body("status", equalTo("RUNNING"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode running = SchedulerProxyIT.client(frontDoor.port(), name, credentials, "info");
                assertThat(running.path("ok").asBoolean()).as(running.toString()).isTrue();
            });

            // 1,000 idle connections: the API and the scheduler route keep working, no thread per connection.
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    idle.add(new Socket(InetAddress.getLoopbackAddress(), frontDoor.port()));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> frontDoor.openConnections() >= 1000);
                api().get("/api/health").then().statusCode(200);
                JsonNode busy = SchedulerProxyIT.client(frontDoor.port(), name, credentials, "info");
                assertThat(busy.path("ok").asBoolean()).as(busy.toString()).isTrue();
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
            // Each of those closed before sending a byte: no line for them.
            log.records.clear();

            refusedWithOneLine(log, clientHello(null), 5_000, "without a server name (SNI)");
            byte[] garbage = new byte[300];
            Arrays.fill(garbage, (byte) 0x5a);
            garbage[0] = 0x16;
            garbage[1] = 0x03;
            garbage[2] = 0x01;
            garbage[3] = 0x01;
            garbage[4] = 0x00;
            refusedWithOneLine(log, garbage, 5_000, "not a TLS ClientHello");
            byte[] hello = clientHello("daskgateway-" + name);
            refusedWithOneLine(log, Arrays.copyOf(hello, 40), 10_000, "no complete TLS ClientHello within 2 s");
            refusedWithOneLine(log, new byte[0], 10_000, "sent nothing within 2 s");
            scheduler.close();
            refusedWithOneLine(log, hello, 15_000, "scheduler of cluster " + name + " at 127.0.0.1:"
                    + FrontDoorProfile.SCHEDULER_PORT + " is unreachable");
            assertThat(log.anyStackTrace()).isFalse();
        }
        api().delete("/api/v1/clusters/" + name).then().statusCode(204);
    }

    /** Sends {@code bytes}, expects the connection closed and exactly one new log line; the API still answers. */
    private void refusedWithOneLine(TestNetwork.LogCapture log, byte[] bytes, int waitMillis, String phrase)
            throws Exception {
        int before = log.lines().size();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), frontDoor.port())) {
            socket.getOutputStream().write(bytes);
            TestNetwork.Read read = readAll(socket, waitMillis);
            assertThat(read.closed()).as("closed: " + phrase).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.lines()).hasSize(before + 1));
        assertThat(log.lines().get(before)).contains(phrase);
        api().get("/api/health").then().statusCode(200);
    }
}

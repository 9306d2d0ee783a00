package io.tessera.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.gateway.cluster.ClusterCredentials;
import io.tessera.gateway.cluster.ClusterService;
import io.tessera.gateway.cluster.CredentialsCache;
import io.tessera.gateway.cluster.CredentialsSecret;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.identity.TokenService;
import io.tessera.gateway.testing.ClusterTlsSecrets;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.KubernetesProfile;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.PythonClient;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The report's credentials (issue 14): the owner of a RUNNING cluster gets its Secret's PEMs, nobody
 * gets them while it is PENDING, another user gets 403, and the real dask-gateway client builds its
 * GatewaySecurity from them. The Secret is made here in the operator's shape (ClusterTlsSecrets);
 * RUNNING is the status the operator would write.
 */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class ClusterCredentialsIT {

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

    private static ValidatableResponse get(String token, String path) {
        return given().header("Authorization", "token " + token).when().get(path).then();
    }

    private ArrayCluster arrayCluster(String namespace, String name) {
        return kube.resources(ArrayCluster.class).inNamespace(namespace).withName(name).get();
    }

    private void markRunning(String namespace, String name) {
        ArrayCluster cluster = arrayCluster(namespace, name);
        ArrayClusterStatus status = new ArrayClusterStatus();
        status.setPhase(ArrayClusterPhase.Running);
        cluster.setStatus(status);
        kube.resources(ArrayCluster.class).inNamespace(namespace).resource(cluster).updateStatus();
    }

    @Test
    void shouldGiveTheOwnerOfARunningClusterItsCredentialsAndNobodyElse() {
        String group = tenants.group("creds", Tenants.cores(8), "cora", "cole");
        String namespace = groups.get(group).namespace;
        String owner = tokens.create("cora", "credentials IT", null).token();
        String other = tokens.create("cole", "credentials IT", null).token();
        String name = clusters.create("cora", null);
        String path = "/api/v1/clusters/" + name;
        ClusterCredentials credentials = ClusterTlsSecrets.credentials(name);

        get(owner, path).statusCode(200).body("status", equalTo("PENDING")).body("tls_cert", nullValue())
                .body("tls_key", nullValue()).body("dashboard_route", nullValue());
        kube.resource(ClusterTlsSecrets.secret(arrayCluster(namespace, name), credentials)).create();
        // The Secret exists, but the cluster is not running: still nothing.
        get(owner, path).statusCode(200).body("status", equalTo("PENDING")).body("tls_key", nullValue());

        markRunning(namespace, name);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                get(owner, path).statusCode(200).body("status", equalTo("RUNNING")));
        get(owner, path).statusCode(200).body("tls_cert", equalTo(credentials.certificate()))
                .body("tls_key", equalTo(credentials.key()))
                .body("dashboard_route", equalTo("/clusters/" + name + "/status"));
        get(owner, "/api/v1/clusters/").statusCode(200).body(name + ".tls_key", equalTo(credentials.key()))
                .body(name + ".tls_cert", equalTo(credentials.certificate()));

        String refused = get(other, path).statusCode(403).extract().asString();
        assertThat(refused).doesNotContain("BEGIN");
        get(other, "/api/v1/clusters/?status=PENDING,RUNNING,STOPPING,STOPPED,FAILED").statusCode(200)
                .body("size()", equalTo(0));

        // The unchanged client turns the report into its GatewaySecurity and an SSLContext.
        JsonNode seen = new PythonClient(gateway.toString().replaceAll("/$", ""), owner).run("security", name);
        assertThat(seen.get("status").asText()).isEqualTo("RUNNING");
        assertThat(seen.get("has_security").asBoolean()).isTrue();
        assertThat(seen.get("listed_security").toString()).isEqualTo("[true]");
        assertThat(seen.get("require_encryption").asBoolean()).isTrue();
        assertThat(seen.get("ca_subjects").toString()).contains("\"commonName\":\"dask-internal\"");
        assertThat(seen.get("dashboard_link").asText()).isEqualTo(gateway.toString().replaceAll("/$", "")
                + "/clusters/" + name + "/status");
        // ... and another user's client gets no report at all.
        String foreign = new PythonClient(gateway.toString().replaceAll("/$", ""), other).runFailing("security", name);
        assertThat(foreign).contains("403, message='Forbidden'").doesNotContain("BEGIN");

        // Read once and kept while the cluster lives: the Secret is not fetched for every report.
        kube.secrets().inNamespace(namespace).withName(CredentialsSecret.name(name)).delete();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() ->
                kube.secrets().inNamespace(namespace).withName(CredentialsSecret.name(name)).get() == null);
        get(owner, path).statusCode(200).body("tls_key", equalTo(credentials.key()));
        clusters.delete("cora", name);
    }

    @Test
    void shouldReportNullsAndWarnOnceWhenARunningClustersSecretIsMissingOrNotTheOperators() {
        String group = tenants.group("nosecret", Tenants.cores(8), "nico");
        String namespace = groups.get(group).namespace;
        String owner = tokens.create("nico", "credentials IT", null).token();
        String missing = clusters.create("nico", null);
        String foreign = clusters.create("nico", null);
        // A Secret of the right name that the cluster does not control (here: owned by the other cluster).
        kube.resource(new SecretBuilder(ClusterTlsSecrets.secret(
                arrayCluster(namespace, missing), ClusterTlsSecrets.credentials(foreign))).editMetadata()
                .withName(CredentialsSecret.name(foreign)).endMetadata().build()).create();
        markRunning(namespace, missing);
        markRunning(namespace, foreign);

        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(CredentialsCache.class.getName());
        logger.addHandler(capture);
        try {
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    get(owner, "/api/v1/clusters/?status=RUNNING").statusCode(200).body("size()", equalTo(2)));
            for (int i = 0; i < 5; i++) {
                for (String name : List.of(missing, foreign)) {
                    get(owner, "/api/v1/clusters/" + name).statusCode(200).body("status", equalTo("RUNNING"))
                            .body("tls_cert", nullValue()).body("tls_key", nullValue())
                            .body("dashboard_route", equalTo("/clusters/" + name + "/status"));
                }
            }
        } finally {
            logger.removeHandler(capture);
        }
        List<String> messages = warnings.stream().map(r -> ((ExtLogRecord) r).getFormattedMessage()).toList();
        assertThat(messages).hasSize(2).allSatisfy(m -> assertThat(m).doesNotContain("BEGIN"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(missing).contains("does not exist"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(foreign).contains("not controlled"));
        assertThat(warnings).allSatisfy(r -> assertThat(r.getThrown()).isNull());
        clusters.delete("nico", missing);
        clusters.delete("nico", foreign);
    }
}

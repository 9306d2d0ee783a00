package io.tessera.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingMode;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.GroupUsage;
import io.tessera.gateway.cluster.ClusterService;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.options.GroupOptions;
import io.tessera.gateway.options.GroupOptionsService;
import io.tessera.gateway.options.Range;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.testing.KubernetesProfile;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dask-gateway REST API end to end on PostgreSQL and the local Kubernetes API server: exact
 * shapes, quota, namespaces, scaling within quota, and every error path. No operator runs here:
 * where a RUNNING cluster is needed, the test writes the status the operator would write
 * (DaskGatewayClientIT runs the real operator).
 */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class DaskGatewayApiIT {

    private static final String CLUSTERS = "/api/v1/clusters/";
    private static final long GI = 1L << 30;
    private static final List<String> REPORT_KEYS = List.of("name", "status", "start_time", "stop_time",
            "dashboard_route", "options", "tls_cert", "tls_key");

    @Inject
    Tenants tenants;

    @Inject
    GroupService groups;

    @Inject
    GroupOptionsService groupOptions;

    @Inject
    AdmissionService admission;

    @Inject
    ClusterService clusters;

    @Inject
    KubernetesClient kube;

    private static ValidatableResponse send(String method, String path, String body) {
        var request = given().contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.when().request(method, path).then();
    }

    private String group(String prefix, Limits quota, String... members) {
        return tenants.group(prefix, quota, members);
    }

    private String namespace(String group) {
        return groups.get(group).namespace;
    }

    private ArrayCluster arrayCluster(String group, String name) {
        return kube.resources(ArrayCluster.class).inNamespace(namespace(group)).withName(name).get();
    }

    private GroupUsage usage(String group) {
        return admission.usage(group);
    }

    /** Writes the status the operator writes once the scheduler is ready. */
    private void markRunning(String group, String name) {
        ArrayCluster cluster = arrayCluster(group, name);
        ArrayClusterStatus status = new ArrayClusterStatus();
        status.setPhase(ArrayClusterPhase.Running);
        cluster.setStatus(status);
        kube.resources(ArrayCluster.class).inNamespace(namespace(group)).resource(cluster).updateStatus();
    }

    @Test
    void shouldServeHealthAndVersionWithoutCredentialsAndRefuseClustersWithout() {
        send("GET", "/api/health", null).statusCode(200).body("status", equalTo("pass"));
        send("GET", "/api/version", null).statusCode(200).body("version", not(nullValue()));
        send("GET", CLUSTERS, null).statusCode(401);
        send("POST", CLUSTERS, "{}").statusCode(401);
        send("GET", "/api/v1/options", null).statusCode(401);
    }

    @Test
    @TestSecurity(user = "ann")
    void shouldCreateReportScaleAdaptAndStopAClusterLikeDaskGateway() {
        String group = group("ann", new Limits(64_000L, null, null, null, null), "ann");
        String name = send("POST", CLUSTERS, "{\"cluster_options\": {\"worker_cores\": 2, \"worker_memory\": 4}}")
                .statusCode(201).body("size()", equalTo(1)).extract().path("name");
        assertThat(name).startsWith(group.substring(0, Math.min(group.length(), 40))).hasSizeLessThanOrEqualTo(51);

        ArrayCluster created = arrayCluster(group, name);
        assertThat(created.getMetadata().getLabels()).containsEntry("tessera.io/group", group)
                .containsEntry("tessera.io/user", "ann").containsEntry("app.kubernetes.io/managed-by", "tessera-gateway");
        assertThat(created.getSpec().getWorker().getResources().getLimits().get("cpu").toString()).isEqualTo("2000m");
        assertThat(usage(group).reserved().millicores()).isEqualTo(1_000);
        assertThat(usage(group).reserved().memoryBytes()).isEqualTo(2 * GI);

        Map<String, Object> report = send("GET", CLUSTERS.substring(0, CLUSTERS.length() - 1) + "/" + name, null)
                .statusCode(200).body("status", equalTo("PENDING")).body("stop_time", nullValue())
                .body("tls_cert", nullValue()).body("tls_key", nullValue()).body("dashboard_route", nullValue())
                .body("options.worker_cores", equalTo(2.0f)).body("options.worker_memory", equalTo(4.0f))
                .body("options.group", equalTo(group)).extract().jsonPath().getMap("");
        assertThat(report.keySet()).containsExactlyElementsOf(REPORT_KEYS);
        assertThat(report.get("start_time")).isInstanceOf(Long.class);

        send("GET", CLUSTERS, null).statusCode(200).body("$", hasKey(name)).body(name + ".status", equalTo("PENDING"));
        send("GET", CLUSTERS + "?status=RUNNING", null).statusCode(200).body("$", not(hasKey(name)));
        send("GET", CLUSTERS + "?status=pending,running", null).statusCode(200).body("$", hasKey(name));

        markRunning(group, name);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                send("GET", "/api/v1/clusters/" + name + "?wait", null).statusCode(200).body("status", equalTo("RUNNING")));

        send("POST", "/api/v1/clusters/" + name + "/scale", "{\"count\": 3}").statusCode(200)
                .body("ok", equalTo(true)).body("msg", nullValue());
        assertThat(arrayCluster(group, name).getSpec().getWorker().getReplicas()).isEqualTo(3);
        assertThat(usage(group).reserved().millicores()).isEqualTo(1_000 + 3 * 2_000);

        // 200 is clamped to the group's max workers (100), then to what 64 cores admit: (64 - 1) / 2 = 31.
        String msg = send("POST", "/api/v1/clusters/" + name + "/scale", "{\"count\": 200}").statusCode(200)
                .body("ok", equalTo(false)).extract().path("msg");
        assertThat(msg).contains("Scaling to 100 instead").contains("Quota allows 31 of the 100 workers requested")
                .contains("cores");
        assertThat(arrayCluster(group, name).getSpec().getWorker().getReplicas()).isEqualTo(31);
        assertThat(usage(group).reserved().workers()).isEqualTo(31);

        send("POST", "/api/v1/clusters/" + name + "/adapt", "{\"minimum\": 1, \"maximum\": 4, \"active\": true}")
                .statusCode(200).body("ok", equalTo(true)).body("msg", nullValue());
        ArrayCluster adaptive = arrayCluster(group, name);
        assertThat(adaptive.getSpec().getAutoscaling().getMode()).isEqualTo(AutoscalingMode.Adaptive);
        assertThat(adaptive.getSpec().getWorker().getMinReplicas()).isEqualTo(1);
        assertThat(adaptive.getSpec().getWorker().getMaxReplicas()).isEqualTo(4);
        assertThat(adaptive.getSpec().getWorker().getReplicas()).isNull();
        assertThat(usage(group).reserved().workers()).isEqualTo(4);

        send("POST", "/api/v1/clusters/" + name + "/adapt", "{\"minimum\": null, \"maximum\": null, \"active\": false}")
                .statusCode(200).body("ok", equalTo(true));
        assertThat(arrayCluster(group, name).getSpec().getAutoscaling().getMode()).isEqualTo(AutoscalingMode.Manual);
        assertThat(usage(group).reserved().workers()).isZero();

        send("DELETE", "/api/v1/clusters/" + name, null).statusCode(204);
        assertThat(usage(group).clusters()).isZero();
        assertThat(usage(group).reserved().millicores()).isZero();
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> arrayCluster(group, name) == null);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                send("GET", "/api/v1/clusters/" + name, null).statusCode(200).body("status", equalTo("STOPPED"))
                        .body("stop_time", not(nullValue())));
        send("GET", CLUSTERS, null).statusCode(200).body("$", not(hasKey(name)));
        send("GET", CLUSTERS + "?status=STOPPED", null).statusCode(200).body(name + ".status", equalTo("STOPPED"));
        send("DELETE", "/api/v1/clusters/" + name, null).statusCode(204);
        send("POST", "/api/v1/clusters/" + name + "/scale", "{\"count\": 1}").statusCode(409)
                .body("error", equalTo("cluster " + name + " is not running"));
    }

    @Test
    @TestSecurity(user = "hal")
    void shouldBlockAWaitingGetAtMostTheWaitTimeout() {
        group("hal", new Limits(8_000L, null, null, null, null), "hal");
        String name = send("POST", CLUSTERS, "{}").statusCode(201).extract().path("name");
        long started = System.nanoTime();
        send("GET", "/api/v1/clusters/" + name + "?wait", null).statusCode(200).body("status", equalTo("PENDING"));
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        // Generous upper bounds: what matters is waiting the timeout versus answering at once, and a
        // busy 2-core machine can stall a request for seconds.
        long waitMs = KubernetesProfile.WAIT_SECONDS * 1000L;
        assertThat(waitedMs).isBetween(waitMs - 300, waitMs + 15_000);
        started = System.nanoTime();
        send("GET", "/api/v1/clusters/" + name + "?wait=0", null).statusCode(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(waitMs - 300);
        send("DELETE", "/api/v1/clusters/" + name, null).statusCode(204);
    }

    @Test
    @TestSecurity(user = "ben")
    void shouldAnswerBadRequestsWith4xxAndAClearMessage() {
        String group = group("ben", new Limits(8_000L, null, null, null, null), "ben");
        send("POST", CLUSTERS, "{\"cluster_options\": {\"bogus\": 1, \"worker_cores\": 1}}").statusCode(422)
                .body("error", equalTo("Unknown fields ['bogus']"));
        send("POST", CLUSTERS, "{\"cluster_options\": {\"worker_cores\": 100}}").statusCode(422)
                .body("error", equalTo("worker_cores 100 is out of range: allowed 0.25 to 8"));
        send("POST", CLUSTERS, "{\"cluster_options\": {\"worker_gpus\": \"one\"}}").statusCode(422)
                .body("error", equalTo("worker_gpus must be an integer, got \"one\""));
        send("POST", CLUSTERS, "{\"cluster_options\": [1]}").statusCode(422);
        send("POST", CLUSTERS, "[1]").statusCode(422);
        send("POST", CLUSTERS, "{\"cluster_options\": ").statusCode(400);
        send("GET", "/api/v1/clusters/nope-0000000000", null).statusCode(404)
                .body("error", equalTo("Cluster nope-0000000000 not found"));
        send("DELETE", "/api/v1/clusters/nope-0000000000", null).statusCode(204);
        send("POST", "/api/v1/clusters/nope-0000000000/scale", "{\"count\": 1}").statusCode(404);
        send("POST", "/api/v1/clusters/nope-0000000000/adapt", "{\"active\": true}").statusCode(404);
        send("GET", CLUSTERS + "?status=BOGUS", null).statusCode(422).body("error", equalTo(
                "Unknown status BOGUS; use PENDING, RUNNING, STOPPING, STOPPED or FAILED"));

        String name = send("POST", CLUSTERS, null).statusCode(201).extract().path("name");
        send("GET", "/api/v1/clusters/" + name + "?wait=soon", null).statusCode(422);
        for (String count : List.of("-1", "1.5", "\"2\"", "null", "99999999999999999999999")) {
            send("POST", "/api/v1/clusters/" + name + "/scale", "{\"count\": " + count + "}").statusCode(count.startsWith("9")
                    ? 200 : 422);
        }
        send("POST", "/api/v1/clusters/" + name + "/scale", "{\"count\": -1}").statusCode(422)
                .body("error", equalTo("Scale expects a non-negative integer, got -1"));
        send("POST", "/api/v1/clusters/" + name + "/adapt", "{\"minimum\": 5, \"maximum\": 2, \"active\": true}")
                .statusCode(422).body("error", equalTo("minimum (5) must be less than or equal to maximum (2)"));
        send("POST", "/api/v1/clusters/" + name + "/adapt", "{\"minimum\": -3}").statusCode(422);
        send("POST", "/api/v1/clusters/" + name + "/adapt", "{\"active\": \"yes\"}").statusCode(422);
        send("DELETE", "/api/v1/clusters/" + name, null).statusCode(204);
        assertThat(usage(group).clusters()).isZero();
    }

    @Test
    @TestSecurity(user = "dan")
    void shouldRefuseAnotherUsersClusterWith403OnEveryOperation() {
        String group = group("cat", new Limits(8_000L, null, null, null, null), "cat", "dan");
        String name = clusters.create("cat", null);
        String path = "/api/v1/clusters/" + name;
        String error = "cluster " + name + " belongs to another user";
        send("GET", path, null).statusCode(403).body("error", equalTo(error));
        send("GET", path + "?wait", null).statusCode(403);
        send("POST", path + "/scale", "{\"count\": 1}").statusCode(403).body("error", equalTo(error));
        send("POST", path + "/adapt", "{\"active\": true}").statusCode(403);
        send("DELETE", path, null).statusCode(403).body("error", equalTo(error));
        send("GET", CLUSTERS + "?status=PENDING,RUNNING,STOPPING,STOPPED,FAILED", null).statusCode(200)
                .body("$", not(hasKey(name)));
        assertThat(arrayCluster(group, name)).isNotNull();
        assertThat(usage(group).clusters()).isEqualTo(1);
        clusters.delete("cat", name);
    }

    @Test
    @TestSecurity(user = "eve")
    void shouldRefuseAClusterTheQuotaCannotHoldWithTheAdmissionMessage() {
        String group = group("eve", new Limits(500L, null, null, null, null), "eve");
        send("POST", CLUSTERS, "{}").statusCode(422)
                .body("error", equalTo("cluster not created: group " + group + ": cores 1 requested, 0.5 of 0.5 left"));
        assertThat(usage(group).clusters()).isZero();
        assertThat(kube.resources(ArrayCluster.class).inNamespace(namespace(group)).list().getItems()).isEmpty();
    }

    @Test
    @TestSecurity(user = "fay")
    void shouldOfferNothingToAUserWithoutAGroup() {
        send("GET", "/api/v1/options", null).statusCode(200).body("cluster_options.size()", equalTo(0));
        send("POST", CLUSTERS, "{}").statusCode(422)
                .body("error", equalTo("user fay is not a member of any group; ask an admin to add you to one"));
        send("GET", CLUSTERS, null).statusCode(200).body("size()", equalTo(0));
    }

    @Test
    @TestSecurity(user = "gus")
    void shouldLetAMemberOfSeveralGroupsChooseTheGroupAndItsImages() {
        String first = group("gus-a", new Limits(8_000L, null, null, null, null), "gus");
        String second = group("gus-b", new Limits(8_000L, null, null, null, null), "gus");
        groupOptions.set(second, new GroupOptions(new Range(500, 4_000, 1_000), new Range(GI, 8 * GI, 2 * GI),
                new Range(0, 1, 0), List.of("registry.example/w:1", "registry.example/w:2"), "registry.example/w:1",
                new Range(0, 600, 0), 10, 500, GI, false));
        send("GET", "/api/v1/options", null).statusCode(200)
                .body("cluster_options[0].field", equalTo("group"))
                .body("cluster_options[0].default", equalTo(first))
                .body("cluster_options[0].spec.options", equalTo(List.of(first, second)))
                .body("cluster_options[1].field", equalTo("worker_cores"));
        String name = send("POST", CLUSTERS, "{\"cluster_options\": {\"group\": \"" + second
                + "\", \"image\": \"registry.example/w:2\", \"worker_gpus\": 1}}").statusCode(201).extract().path("name");
        ArrayCluster cluster = arrayCluster(second, name);
        assertThat(cluster.getSpec().getImage()).isEqualTo("registry.example/w:2");
        assertThat(cluster.getSpec().getIdle()).isNull();
        assertThat(cluster.getSpec().getWorker().getResources().getLimits().get("nvidia.com/gpu").toString()).isEqualTo("1");
        assertThat(usage(second).reserved().millicores()).isEqualTo(500);
        send("GET", "/api/v1/clusters/" + name, null).statusCode(200).body("options.image", equalTo("registry.example/w:2"));
        // an image is a field only in groups that offer images
        send("POST", CLUSTERS, "{\"cluster_options\": {\"image\": \"registry.example/w:2\"}}").statusCode(422)
                .body("error", equalTo("Unknown fields ['image']"));
        send("DELETE", "/api/v1/clusters/" + name, null).statusCode(204);
    }

    @Test
    // A user no other test uses: tests share one database, and a second group would change the default group.
    @TestSecurity(user = "envy")
    void shouldBuildTheRequestedEnvironmentIntoTheArrayClusterAndReportIt() {
        String group = group("envy", new Limits(8_000L, null, null, null, null), "envy");
        send("GET", "/api/v1/options", null).statusCode(200)
                .body("cluster_options[-1].field", equalTo("environment"))
                .body("cluster_options[-1].spec", equalTo(Map.of("type", "mapping")))
                .body("cluster_options[-1].default", equalTo(Map.of()));
        // this platform's image has no conda tool (the default): conda is refused, naming the packages
        send("POST", CLUSTERS, """
                {"cluster_options": {"environment": {"conda": ["xarray=2025.1", "zarr>=3"],
                 "conda_channels": ["conda-forge"], "pip": ["s3fs==2025.3.0"]}}}""").statusCode(422)
                .body("error", startsWith("environment: conda packages [xarray=2025.1, zarr>=3] cannot be installed"));
        send("GET", "/api/v1/options", null).statusCode(200)
                .body("cluster_options[-1].label", equalTo("Extra packages (pip)"));
        assertThat(usage(group).clusters()).isZero();
        String name = send("POST", CLUSTERS, """
                {"cluster_options": {"environment": {"pip": ["s3fs==2025.3.0"]}}}""").statusCode(201)
                .extract().path("name");
        var environment = arrayCluster(group, name).getSpec().getEnvironment();
        assertThat(environment.getConda()).isNull();
        assertThat(environment.getPip()).containsExactly("s3fs==2025.3.0");
        send("GET", "/api/v1/clusters/" + name, null).statusCode(200)
                .body("options.environment.pip", equalTo(List.of("s3fs==2025.3.0")))
                .body("options.environment", not(hasKey("conda")));

        // an empty mapping is no environment; a bad entry is a 422 naming it, and nothing is reserved
        String plain = send("POST", CLUSTERS, "{\"cluster_options\": {\"environment\": {}}}").statusCode(201)
                .extract().path("name");
        assertThat(arrayCluster(group, plain).getSpec().getEnvironment()).isNull();
        send("GET", "/api/v1/clusters/" + plain, null).statusCode(200).body("options.environment", equalTo(Map.of()));
        send("POST", CLUSTERS, "{\"cluster_options\": {\"environment\": {\"pip\": [\"a\", \"\"]}}}").statusCode(422)
                .body("error", equalTo("environment.pip[1] must be 1 to 200 characters long, got 0"));
        assertThat(usage(group).clusters()).isEqualTo(2);

        // switched off: the field disappears and sending it is an unknown field
        groupOptions.set(group, new GroupOptions(GroupOptions.DEFAULTS.workerMillicores(),
                GroupOptions.DEFAULTS.workerMemoryBytes(), GroupOptions.DEFAULTS.workerGpus(), List.of(), null,
                GroupOptions.DEFAULTS.idleTimeoutSeconds(), 100, 1_000, 2 * GI, false));
        send("GET", "/api/v1/options", null).statusCode(200).body("cluster_options.field", not(hasItem("environment")));
        send("POST", CLUSTERS, "{\"cluster_options\": {\"environment\": {}}}").statusCode(422)
                .body("error", equalTo("Unknown fields ['environment']"));
        String off = send("POST", CLUSTERS, "{}").statusCode(201).extract().path("name");
        send("GET", "/api/v1/clusters/" + off, null).statusCode(200).body("options", not(hasKey("environment")));
        for (String each : List.of(name, plain, off)) {
            send("DELETE", "/api/v1/clusters/" + each, null).statusCode(204);
        }
    }
}

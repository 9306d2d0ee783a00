package io.tessera.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingMode;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.identity.TokenService;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.testing.KubernetesProfile;
import io.tessera.gateway.testing.LocalOperator;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.PythonClient;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The unchanged dask-gateway client from PyPI against the gateway, with the real operator
 * reconciling the ArrayClusters on the local cluster (simulated pods), so clusters really reach
 * RUNNING: options, create and wait, list, scale (also clamped, as a GatewayWarning), adapt, stop,
 * and the client-side errors. The client authenticates as it would beside a hub: auth="jupyterhub"
 * with a real Tessera API token (Authorization: jupyterhub tsr_..., after the gateway's 401).
 */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class DaskGatewayClientIT {

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    Tenants tenants;

    @Inject
    GroupService groups;

    @Inject
    AdmissionService admission;

    @Inject
    KubernetesClient kube;

    @Inject
    TokenService tokens;

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void shouldListCreateScaleAdaptAndStopClustersWithTheRealClient() {
        String group = tenants.group("client", new Limits(16_000L, null, null, null, null), "mia");
        String namespace = groups.get(group).namespace;
        String token = tokens.create("mia", "dask-gateway client IT", null).token();
        PythonClient client = new PythonClient(gateway.toString().replaceAll("/$", ""), token);

        JsonNode options = client.run("options");
        assertThat(options.get("types").get("worker_cores").asText()).isEqualTo("float");
        assertThat(options.get("types").get("worker_gpus").asText()).isEqualTo("int");
        assertThat(options.get("fields").get("idle_timeout").asInt()).isEqualTo(3600);
        assertThat(options.get("versions").get("server").has("version")).isTrue();

        try (LocalOperator operator = LocalOperator.start("gateway-client-it", kube)) {
            JsonNode created = client.run("create", "2", "3");
            String name = created.get("name").asText();
            assertThat(created.get("listed_while_pending").asBoolean()).isTrue();
            assertThat(created.get("status").asText()).isEqualTo("RUNNING");
            assertThat(texts(created.get("running"))).contains(name);
            assertThat(created.get("options").get("worker_cores").asDouble()).isEqualTo(2.0);
            assertThat(created.get("scheduler_address").asText()).endsWith("/" + name);
            assertThat(kube.resources(ArrayCluster.class).inNamespace(namespace).withName(name).get().getMetadata()
                    .getLabels()).containsEntry("tessera.io/user", "mia");

            assertThat(texts(client.run("scale", name, "2").get("warnings"))).isEmpty();
            assertThat(spec(namespace, name).getWorker().getReplicas()).isEqualTo(2);
            assertThat(admission.usage(group).reserved().millicores()).isEqualTo(1_000 + 2 * 2_000);

            // 16 cores hold the scheduler and 7 workers of 2 cores: the rest is a warning, not an error.
            List<String> warned = texts(client.run("scale", name, "50").get("warnings"));
            assertThat(warned).singleElement().asString().contains("Quota allows 7 of the 50 workers requested");
            assertThat(spec(namespace, name).getWorker().getReplicas()).isEqualTo(7);

            assertThat(texts(client.run("adapt", name, "1", "3").get("warnings"))).isEmpty();
            assertThat(spec(namespace, name).getAutoscaling().getMode()).isEqualTo(AutoscalingMode.Adaptive);
            assertThat(spec(namespace, name).getWorker().getMaxReplicas()).isEqualTo(3);
            assertThat(admission.usage(group).reserved().workers()).isEqualTo(3);

            JsonNode stopped = client.run("stop", name);
            assertThat(texts(stopped.get("active"))).doesNotContain(name);
            assertThat(texts(stopped.get("stopped"))).contains(name);
            assertThat(stopped.get("status").asText()).isIn("STOPPING", "STOPPED");
            assertThat(admission.usage(group).clusters()).isZero();
        }

        JsonNode errors = client.run("errors");
        assertThat(errors.get("unknown_option").asText()).isEqualTo("ValueError: Unknown fields ['bogus']");
        assertThat(errors.get("out_of_range").asText()).startsWith("ValueError: worker_cores 1000.0 is out of range");
        assertThat(errors.get("missing_cluster").asText()).isEqualTo("ValueError: Cluster nope-0000000000 not found");
        assertThat(errors.get("bad_scale").asText()).isEqualTo("ValueError: Cluster nope-0000000000 not found");
    }

    private io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec spec(String namespace, String name) {
        return kube.resources(ArrayCluster.class).inNamespace(namespace).withName(name).get().getSpec();
    }
}

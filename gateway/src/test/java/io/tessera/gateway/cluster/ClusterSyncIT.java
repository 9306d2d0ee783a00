package io.tessera.gateway.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.CreateCluster;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.testing.KubernetesProfile;
import io.tessera.gateway.testing.LocalKubernetes;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reservations follow the ArrayClusters that exist: no quota leaks when Kubernetes refuses a
 * create, or when a cluster disappears by kubectl, namespace deletion or while the gateway was down.
 */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class ClusterSyncIT {

    @Inject
    Tenants tenants;

    @Inject
    GroupService groupService;

    @Inject
    GroupRepository groups;

    @Inject
    AdmissionService admission;

    @Inject
    ClusterService clusters;

    @Inject
    ClusterSync sync;

    @Inject
    KubernetesClient kube;

    private long liveClusters(String group) {
        return admission.usage(group).clusters();
    }

    @Test
    @TestSecurity(user = "ivy")
    void shouldReleaseTheReservationWhenKubernetesRefusesTheCreate() {
        // A group whose namespace does not exist (deleted behind the gateway's back).
        String group = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> {
            GroupEntity row = new GroupEntity();
            row.name = group;
            row.namespace = "tessera-" + group;
            groups.persist(row);
        });
        groupService.setQuota(group, Tenants.cores(8));
        groupService.addMember(group, "ivy", false);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/clusters/").then().statusCode(503)
                .body("error", containsString("cluster not created: Kubernetes refused the ArrayCluster in namespace tessera-"
                        + group));
        assertThat(liveClusters(group)).isZero();
        assertThat(admission.usage(group).reserved().millicores()).isZero();
    }

    @Test
    void shouldReleaseWhenTheArrayClusterIsDeletedWithKubectl() throws Exception {
        String group = tenants.group("kubectl", Tenants.cores(8), "jon");
        String name = clusters.create("jon", null);
        assertThat(liveClusters(group)).isEqualTo(1);
        kubectl("delete", "arraycluster", name, "-n", groupService.get(group).namespace, "--wait=false");
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).until(() -> liveClusters(group) == 0);
        assertThat(clusters.get("jon", name, false).status()).isEqualTo(ClusterState.STOPPED);
    }

    @Test
    void shouldReleaseWhenTheGroupsNamespaceIsDeleted() {
        String group = tenants.group("nsdel", Tenants.cores(8), "kim");
        String namespace = groupService.get(group).namespace;
        String name = clusters.create("kim", null);
        assertThat(kube.resources(ArrayCluster.class).inNamespace(namespace).withName(name).get()).isNotNull();
        kube.namespaces().withName(namespace).delete();
        await().pollInSameThread().atMost(Duration.ofSeconds(90)).until(() -> liveClusters(group) == 0);
    }

    @Test
    void shouldReleaseOnResyncOnlyReservationsWithoutArrayClusterOlderThanTheGrace() {
        String group = tenants.group("resync", Tenants.cores(8), "lea");
        String kept = clusters.create("lea", null);
        admission.create(new CreateCluster(group, "lea", "ghost-" + UUID.randomUUID().toString().substring(0, 8),
                new Resources(1_000, 1L << 30, 0, 0)));
        assertThat(liveClusters(group)).isEqualTo(2);
        sync.resync();
        assertThat(liveClusters(group)).as("within the grace period a create may be in flight").isEqualTo(2);
        await().pollInSameThread().pollDelay(Duration.ofSeconds(KubernetesProfile.GRACE_SECONDS)).atMost(Duration.ofSeconds(40))
                .until(() -> {
                    sync.resync();
                    return liveClusters(group) == 1;
                });
        assertThat(clusters.get("lea", kept, false).status()).isEqualTo(ClusterState.PENDING);
        clusters.delete("lea", kept);
        assertThat(liveClusters(group)).isZero();
    }

    private static void kubectl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = LocalKubernetes.kubectl();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl " + String.join(" ", args) + ": " + output).isZero();
    }
}

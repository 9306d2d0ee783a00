package io.tessera.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.testing.Kubectl;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.LocalOperator;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import io.tessera.gateway.webhook.LocalWebhook;
import io.tessera.gateway.webhook.WebhookProfile;
import io.tessera.gateway.webhook.tls.CertificateManager;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ArrayJob queue end to end on the local cluster: the gateway (webhook + queue, in this JVM)
 * and the packaged Tessera operator (a process this test starts) meet only
 * through the API server, as in production. kwok completes runner pods, so a run finishes as
 * soon as its cluster is Ready; its cleanup deletes the cluster.
 *
 * <p>Releasing the quota of a deleted cluster is ClusterSync's job (REST slice); until it is in
 * this build, {@link #releaseDeletedClusters} stands in for it with the same call.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class QueueIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Inject
    KubernetesClient client;

    @Inject
    CertificateManager certificates;

    @Inject
    AdmissionService admission;

    @Inject
    GroupService groups;

    @Inject
    Tenants tenants;

    private String namespace;
    private SharedIndexInformer<ArrayCluster> clusterSync;

    /** The packaged operator as its own process, for the whole class (it turns admissions into conditions). */
    private static LocalOperator operator;

    @BeforeEach
    void register() throws Exception {
        LocalWebhook.register(client, certificates);
        if (operator == null) {
            operator = LocalOperator.start("queue-it", client);
        }
    }

    @AfterEach
    void cleanUp() {
        if (clusterSync != null) {
            clusterSync.close();
        }
        if (namespace != null) {
            client.namespaces().withName(namespace).delete();
        }
    }

    @AfterAll
    static void unregister() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
        try (KubernetesClient c = new io.fabric8.kubernetes.client.KubernetesClientBuilder().build()) {
            LocalWebhook.unregister(c);
        }
    }

    private String group(String prefix, Limits quota) {
        String group = tenants.group(prefix, quota, "alice");
        namespace = groups.get(group).namespace;
        LocalWebhook.groupNamespace(client, namespace, group);
        return group;
    }

    /** A run whose cluster is a 1-core scheduler and {@code workers} 1-core workers. */
    static String run(String namespace, String name, int workers, String extraMetadata) {
        return "apiVersion: tessera.io/v1alpha1\nkind: ArrayJob\nmetadata:\n  name: " + name + "\n  namespace: " + namespace
                + "\n  labels: {tessera.io/user: alice}\n" + extraMetadata
                + "spec:\n  cluster:\n    scheduler:\n      resources: {requests: {cpu: '1', memory: 1Gi}}\n"
                + "    worker:\n      replicas: " + workers + "\n      resources: {requests: {cpu: '1', memory: 1Gi}}\n"
                + "  runner:\n    command: [python, -c, \"print('hello')\"]\n"
                // A node selector no simulated node matches: the runner stays Pending, so the run
                // holds its quota until the test deletes it (kwok would finish it at once).
                + "    template: {spec: {nodeSelector: {tessera.io/test: nowhere}}}\n";
    }

    @Test
    void shouldQueueRunsThatDoNotFitAndAdmitThemInOrderAsEarlierOnesGo() throws Exception {
        String group = group("q-order", new Limits(3_000L, null, null, null, null)); // one 2-core run at a time
        releaseDeletedClusters();
        for (String name : List.of("first", "second", "third")) {
            Kubectl.run(run(namespace, name, 1, ""), "apply", "-f", "-").assertSuccess();
            Thread.sleep(1100); // distinct creation seconds: the queue's order is creation order
        }
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertAdmitted("first");
            // the operator created the run's cluster, and the webhook admitted it against the queue's reservation
            assertThat(client.resources(ArrayCluster.class).inNamespace(namespace).withName("first-dask").get()).isNotNull();
            assertQueued("second", 1, 2, group);
            assertQueued("third", 2, 2, group);
            assertThat(phase("second")).isEqualTo(ArrayJobPhase.Queued);
            assertThat(client.resources(ArrayCluster.class).inNamespace(namespace).withName("second-dask").get()).isNull();
        });

        delete("first"); // its cluster goes with it (garbage collection), the quota is released
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertAdmitted("second");
            assertQueued("third", 1, 1, group);
        });

        delete("second");
        await().atMost(TIMEOUT).untilAsserted(() -> assertAdmitted("third"));
        assertThat(client.resources(ArrayCluster.class).inNamespace(namespace).withName("third-dask").get()).isNotNull();

        delete("third");
        // in the test thread: reading the usage needs its request context
        await().pollInSameThread().atMost(TIMEOUT).untilAsserted(() -> assertThat(admission.usage(group).clusters()).isZero());
    }

    private void assertAdmitted(String run) {
        assertThat(admitted(run)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getMessage()).contains("quota reserved for cluster " + run + "-dask");
        });
    }

    private void assertQueued(String run, int position, int total, String group) {
        assertThat(admitted(run)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("QuotaExceeded");
            assertThat(c.getMessage()).startsWith("queued at position " + position + " of " + total + " in group " + group)
                    .contains("group " + group + ": cores 2 requested, 1 of 3 left");
        });
    }

    private void delete(String run) {
        client.resources(ArrayJob.class).inNamespace(namespace).withName(run)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
    }

    @Test
    void shouldRejectAtCreateARunThatCanNeverFitAndQueueAnnotationsFromUsers() {
        String group = group("q-never", new Limits(3_000L, null, null, null, null));
        Kubectl.Result never = Kubectl.run(run(namespace, "huge", 4, ""), "apply", "-f", "-");
        assertThat(never.exitCode()).isNotZero();
        assertThat(never.stderr()).contains("ArrayJob huge can never be admitted")
                .contains("group " + group + ": cores 5 requested, 3 of 3 left");
        Kubectl.Result forged = Kubectl.run(run(namespace, "sneaky", 1, "  annotations: {tessera.io/admitted: 'true'}\n"),
                "apply", "-f", "-");
        assertThat(forged.stderr()).contains("annotations tessera.io/admitted are written by the gateway's quota queue only");
        assertThat(client.resources(ArrayJob.class).inNamespace(namespace).list().getItems()).isEmpty();
    }

    /** Stands in for ClusterSync: a deleted ArrayCluster's reservation is released. */
    private void releaseDeletedClusters() {
        String ns = namespace;
        clusterSync = client.resources(ArrayCluster.class).inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ArrayCluster cluster) {
            }

            @Override
            public void onUpdate(ArrayCluster old, ArrayCluster cluster) {
            }

            @Override
            public void onDelete(ArrayCluster cluster, boolean unknownFinalState) {
                admission.release(ns, cluster.getMetadata().getName());
            }
        });
    }

    private Optional<Condition> admitted(String run) {
        ArrayJob job = client.resources(ArrayJob.class).inNamespace(namespace).withName(run).get();
        return Optional.ofNullable(job).map(ArrayJob::getStatus).map(s -> s.getConditions()).orElse(List.of()).stream()
                .filter(c -> "Admitted".equals(c.getType())).findFirst();
    }

    private ArrayJobPhase phase(String run) {
        ArrayJob job = client.resources(ArrayJob.class).inNamespace(namespace).withName(run).get();
        return job == null || job.getStatus() == null ? null : job.getStatus().getPhase();
    }
}

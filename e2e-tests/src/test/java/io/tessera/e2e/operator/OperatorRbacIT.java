package io.tessera.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.e2e.support.ClusterNamespace;
import io.tessera.e2e.support.Kubectl;
import io.tessera.e2e.support.OperatorIdentity;
import io.tessera.e2e.support.OperatorProcess;
import io.tessera.e2e.support.TestCluster;

/**
 * The packaged operator, run out of cluster with only the ServiceAccount token and roles of
 * operator/rbac/: it brings a cluster to Ready (as `kubectl wait` sees it), survives being killed
 * mid scale-up without duplicate or orphan pods while a second replica takes the lease over, and
 * is refused what it does not need.
 */
class OperatorRbacIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String LEASE = "tessera-operator";

    @RegisterExtension
    static final ClusterNamespace CLUSTER = new ClusterNamespace("operator-rbac");

    private static Path kubeconfig;
    private final List<OperatorProcess> operators = new java.util.ArrayList<>();

    @BeforeAll
    static void installIdentity() {
        OperatorIdentity.install(CLUSTER.client());
        kubeconfig = OperatorIdentity.kubeconfig(CLUSTER.client(), Path.of("target", "operator-kubeconfig"));
    }

    @AfterEach
    void stopOperators() throws InterruptedException {
        for (OperatorProcess operator : operators) {
            operator.close();
        }
        // The next test's operator must not wait for a dead holder's lease to expire.
        CLUSTER.client().leases().inNamespace(OperatorIdentity.NAMESPACE).withName(LEASE).delete();
    }

    @ParameterizedTest(name = "{0} {1} {2} in a tenant namespace: {3}")
    @CsvSource({
        "create, pods, -, yes", "delete, pods, -, yes", "watch, arrayclusters.tessera.io, -, yes",
        "patch, arrayclusters.tessera.io, status, yes", "update, arrayclusters.tessera.io, finalizers, yes",
        "create, events, -, yes", "patch, services, -, yes",
        "update, pods, -, no", "create, pods, exec, no", "patch, pods, status, no",
        "get, secrets, -, yes", "create, secrets, -, yes", "list, secrets, -, no", "watch, secrets, -, no",
        "update, secrets, -, no", "patch, secrets, -, no", "delete, secrets, -, no",
        "create, deployments.apps, -, no", "delete, services, -, no", "update, arrayclusters.tessera.io, -, no",
        "create, arrayclusters.tessera.io, -, yes", "create, configmaps, -, yes", "get, configmaps, -, yes",
        "list, configmaps, -, no", "update, configmaps, -, no", "delete, configmaps, -, no",
        "get, persistentvolumeclaims, -, yes", "create, persistentvolumeclaims, -, yes",
        "list, persistentvolumeclaims, -, no", "update, persistentvolumeclaims, -, no",
        "delete, persistentvolumeclaims, -, no", "list, pods, -, yes", "create, arrayjobs.tessera.io, -, yes", "delete, arrayjobs.tessera.io, -, yes",
        "patch, arrayjobs.tessera.io, -, no", "patch, arrayjobs.tessera.io, status, yes",
        "update, arrayjobs.tessera.io, finalizers, yes", "watch, scheduledjobs.tessera.io, -, yes",
        "patch, scheduledjobs.tessera.io, -, yes", "create, scheduledjobs.tessera.io, -, no",
        "delete, scheduledjobs.tessera.io, -, no", "patch, scheduledjobs.tessera.io, status, yes",
        "create, jobs.batch, -, yes", "patch, jobs.batch, -, yes", "watch, jobs.batch, -, yes",
        "delete, jobs.batch, -, no", "update, jobs.batch, -, no", "create, cronjobs.batch, -, no",
        "watch, networkpolicies.networking.k8s.io, -, yes", "create, networkpolicies.networking.k8s.io, -, yes",
        "patch, networkpolicies.networking.k8s.io, -, yes", "delete, networkpolicies.networking.k8s.io, -, yes",
        "update, networkpolicies.networking.k8s.io, -, no", "get, networkpolicies.networking.k8s.io, -, no"})
    void shouldGrantExactlyWhatTheOperatorUses(String verb, String resource, String subresource, String expected) {
        List<String> args = new java.util.ArrayList<>(List.of("auth", "can-i", verb, resource, "-n",
                CLUSTER.namespace(), "--as=" + OperatorIdentity.USER));
        if (!"-".equals(subresource)) {
            args.add("--subresource=" + subresource);
        }
        Kubectl.Result result = Kubectl.run(args.toArray(String[]::new));

        assertThat(result.stdout().trim()).isEqualTo(expected);
    }

    @Test
    void shouldNotReachBeyondItsOwnNamespaceForLeases() {
        assertThat(Kubectl.run("auth", "can-i", "update", "leases.coordination.k8s.io", "-n", CLUSTER.namespace(),
                "--as=" + OperatorIdentity.USER).stdout().trim()).isEqualTo("no");
        assertThat(Kubectl.run("auth", "can-i", "update", "leases.coordination.k8s.io", "-n", OperatorIdentity.NAMESPACE,
                "--as=" + OperatorIdentity.USER).stdout().trim()).isEqualTo("yes");
    }

    @Test
    void shouldBringTheExampleToReadyWithOnlyItsOwnPermissions() {
        start("ready", Map.of());
        Path example = TestCluster.repoDir().resolve("docs/examples/arraycluster.yaml");

        Kubectl.run("apply", "-n", CLUSTER.namespace(), "-f", example.toString()).assertSuccess();

        Kubectl.Result wait = Kubectl.run("wait", "-n", CLUSTER.namespace(), "--for=condition=Ready",
                "--timeout=" + TIMEOUT.toSeconds() + "s", "arraycluster/example");
        assertThat(wait.exitCode()).as(wait.stderr()).isZero();
        assertThat(wait.stdout()).contains("condition met");
        assertThat(Kubectl.run("get", "events", "-n", CLUSTER.namespace(), "--field-selector",
                "involvedObject.name=example,reason=Ready").stdout()).contains("scheduler and minimum workers are ready");
        Kubectl.Result policy = Kubectl.run("get", "networkpolicy", "-n", CLUSTER.namespace(), "example-isolation");
        assertThat(policy.exitCode()).as("the operator applied the cluster's NetworkPolicy: %s", policy.stderr()).isZero();

        Kubectl.run("delete", "-n", CLUSTER.namespace(), "arraycluster/example", "--wait=true").assertSuccess();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(pods()).as("owned pods are garbage-collected")
                .noneMatch(p -> "example".equals(p.getMetadata().getLabels().get("tessera.io/cluster"))));
    }

    @Test
    void shouldFinishAScaleUpWithoutDuplicatesOrOrphansWhenTheLeaderIsKilled() throws InterruptedException {
        // Small batches make the scale-up long enough to kill the leader in the middle of it.
        Map<String, String> slow = Map.of("tessera.operator.worker-batch-size", "2");
        OperatorProcess first = start("replica-a", slow);
        awaitLeader(first);
        OperatorProcess second = start("replica-b", slow);
        int replicas = 120;
        CLUSTER.client().resource(new ArrayClusterBuilder().withNewMetadata().withName("big")
                .withNamespace(CLUSTER.namespace()).endMetadata().withNewSpec().withNewWorker().withReplicas(replicas)
                .endWorker().endSpec().build()).create();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> workers().size() >= 10);

        first.kill();
        int atKill = workers().size();

        assertThat(atKill).as("killed in the middle of the scale-up").isLessThan(replicas);
        awaitLeader(second);
        await().atMost(TIMEOUT).until(() -> workers().size() == replicas);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(workers()).hasSize(replicas));
        ArrayCluster big = CLUSTER.client().resources(ArrayCluster.class).inNamespace(CLUSTER.namespace())
                .withName("big").get();
        assertThat(pods()).as("every pod is owned by its cluster").allSatisfy(pod -> assertThat(
                pod.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                    assertThat(ref.getUid()).isEqualTo(big.getMetadata().getUid());
                    assertThat(ref.getController()).isTrue();
                }));
        assertThat(pods().stream().map(p -> p.getMetadata().getName()).distinct()).hasSize(replicas + 1);
        CLUSTER.client().resource(big).delete();
    }

    private OperatorProcess start(String name, Map<String, String> settings) {
        OperatorProcess operator = OperatorProcess.start(name, kubeconfig, settings);
        operators.add(operator);
        return operator;
    }

    /** The Lease names the process (identity host@pid) once it leads. */
    private void awaitLeader(OperatorProcess operator) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(operator.isAlive()).as("operator %s is running (see target/operator-logs)", operator.name())
                    .isTrue();
            Lease lease = CLUSTER.client().leases().inNamespace(OperatorIdentity.NAMESPACE).withName(LEASE).get();
            assertThat(lease).isNotNull();
            assertThat(lease.getSpec().getHolderIdentity()).startsWith(operator.pid() + "@");
        });
    }

    private List<Pod> pods() {
        return CLUSTER.client().pods().inNamespace(CLUSTER.namespace()).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private List<Pod> workers() {
        return pods().stream().filter(p -> "worker".equals(p.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .toList();
    }
}

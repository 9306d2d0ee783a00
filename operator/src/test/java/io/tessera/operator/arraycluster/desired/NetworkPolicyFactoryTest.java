package io.tessera.operator.arraycluster.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.operator.GoldenFiles;
import io.tessera.operator.arraycluster.desired.PolicySemantics.PodRef;
import io.tessera.operator.arrayjob.desired.EphemeralClusterFactory;
import io.tessera.operator.arrayjob.desired.RunMetadata;
import io.tessera.operator.arrayjob.desired.RunnerJobFactory;
import io.tessera.operator.common.ClusterLabels;

/**
 * The NetworkPolicy of an ArrayCluster: golden files under {@code network-policy/} (update with
 * {@code -Dtessera.golden.update=true}), and one test per ingress rule, asking
 * {@link PolicySemantics} whether the real labels of the operator's pods are admitted.
 */
class NetworkPolicyFactoryTest {

    private static final String ROOT = "network-policy";
    private static final String IMAGE = "tessera/worker:golden";
    private static final List<String> ALLOWED = List.of("tessera-system", "monitoring");
    private static final String NS = "tessera-physics";
    private static final int ANY_PORT = 40123;

    static Stream<Path> scenarios() throws IOException, URISyntaxException {
        return GoldenFiles.scenarios(ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldDeriveTheGoldenPolicy(Path scenario) throws IOException {
        ArrayCluster cluster = GoldenFiles.read(scenario, "in-ArrayCluster-", ArrayCluster.class);

        Map<String, String> actual = GoldenFiles.render(List.of(NetworkPolicyFactory.desired(cluster, ALLOWED)));

        GoldenFiles.updateIfAsked(ROOT, scenario, actual);
        assertThat(actual).isEqualTo(GoldenFiles.expected(scenario));
        assertThat(GoldenFiles.render(List.of(NetworkPolicyFactory.desired(cluster, ALLOWED)))).as("pure")
                .isEqualTo(actual);
    }

    @Test
    void shouldSelectTheSchedulerAndWorkersOfItsClusterOnly() {
        ArrayCluster demo = cluster("demo");
        NetworkPolicy policy = NetworkPolicyFactory.desired(demo, ALLOWED);

        assertThat(PolicySemantics.selects(policy, scheduler(demo))).isTrue();
        assertThat(PolicySemantics.selects(policy, worker(demo))).isTrue();
        assertThat(PolicySemantics.selects(policy, worker(cluster("other")))).isFalse();
        assertThat(PolicySemantics.selects(policy, new PodRef("elsewhere", worker(demo).labels()))).isFalse();
        // Only ingress: the policy says nothing about where the cluster's pods may connect to.
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getEgress()).isEmpty();
    }

    @Test
    void shouldAdmitTheSameClustersPodsOnAnyPort() {
        ArrayCluster demo = cluster("demo");
        NetworkPolicy policy = NetworkPolicyFactory.desired(demo, List.of());

        assertThat(PolicySemantics.admits(policy, worker(demo), scheduler(demo), ClusterNames.COMM_PORT)).isTrue();
        assertThat(PolicySemantics.admits(policy, scheduler(demo), worker(demo), ANY_PORT)).isTrue();
        assertThat(PolicySemantics.admits(policy, worker(demo), worker(demo), ANY_PORT)).isTrue();
        assertThat(PolicySemantics.admits(policy, worker(cluster("other")), scheduler(demo), ClusterNames.COMM_PORT))
                .as("a worker of another cluster in the same namespace").isFalse();
        assertThat(PolicySemantics.admits(policy, new PodRef(NS, Map.of()), scheduler(demo), ClusterNames.COMM_PORT))
                .as("an unlabelled pod of the namespace").isFalse();
    }

    @Test
    void shouldAdmitTheRunnerOfTheArrayJobThatOwnsTheCluster() throws IOException {
        ArrayJob nightly = arrayJob("nightly");
        ArrayCluster cluster = EphemeralClusterFactory.desired(nightly);
        NetworkPolicy policy = NetworkPolicyFactory.desired(cluster, List.of());

        assertThat(PolicySemantics.admits(policy, runner(nightly), scheduler(cluster), ClusterNames.COMM_PORT)).isTrue();
        assertThat(PolicySemantics.admits(policy, runner(nightly), worker(cluster), ANY_PORT))
                .as("a client gathers results from workers directly").isTrue();
        assertThat(PolicySemantics.admits(policy, runner(arrayJob("weekly")), scheduler(cluster),
                ClusterNames.COMM_PORT)).as("the runner of another ArrayJob").isFalse();
        assertThat(PolicySemantics.selects(policy, runner(nightly))).as("the runner itself stays unrestricted")
                .isFalse();
    }

    @Test
    void shouldAdmitNoRunnerOfAClusterNoArrayJobOwns() throws IOException {
        ArrayJob nightly = arrayJob("nightly");
        // A hand-made cluster that happens to have the name of the run's cluster.
        ArrayCluster standalone = cluster(EphemeralClusterFactory.desired(nightly).getMetadata().getName());
        NetworkPolicy policy = NetworkPolicyFactory.desired(standalone, List.of());

        assertThat(policy.getSpec().getIngress()).hasSize(2);
        assertThat(PolicySemantics.admits(policy, new PodRef(NS, runner(nightly).labels()), scheduler(standalone),
                ClusterNames.COMM_PORT)).isFalse();
    }

    @Test
    void shouldAdmitTheAllowedNamespacesOnTheSchedulerPortsOnly() {
        ArrayCluster demo = cluster("demo");
        NetworkPolicy policy = NetworkPolicyFactory.desired(demo, ALLOWED);
        PodRef gateway = new PodRef("tessera-system", Map.of("app.kubernetes.io/name", "tessera-gateway"));
        PodRef prometheus = new PodRef("monitoring", Map.of());

        assertThat(PolicySemantics.admits(policy, gateway, scheduler(demo), ClusterNames.COMM_PORT)).isTrue();
        assertThat(PolicySemantics.admits(policy, gateway, scheduler(demo), ClusterNames.DASHBOARD_PORT)).isTrue();
        assertThat(PolicySemantics.admits(policy, prometheus, worker(demo), ClusterNames.DASHBOARD_PORT)).isTrue();
        assertThat(PolicySemantics.admits(policy, prometheus, worker(demo), ANY_PORT)).isFalse();
        assertThat(PolicySemantics.admits(policy, new PodRef("tessera-chemistry", Map.of()), scheduler(demo),
                ClusterNames.COMM_PORT)).as("another group's namespace").isFalse();
    }

    @Test
    void shouldListAllowedNamespacesSortedOnceAndLeaveTheRuleOutWhenThereAreNone() {
        ArrayCluster demo = cluster("demo");

        NetworkPolicy policy = NetworkPolicyFactory.desired(demo, List.of("tessera-system", "monitoring", "monitoring"));

        assertThat(policy.getSpec().getIngress().stream().map(rule -> rule.getFrom().get(0).getNamespaceSelector())
                .filter(java.util.Objects::nonNull).toList()).singleElement().satisfies(namespaces -> assertThat(
                        namespaces.getMatchExpressions().get(0).getValues()).containsExactly("monitoring", "tessera-system"));
        assertThat(NetworkPolicyFactory.desired(demo, List.of()).getSpec().getIngress())
                .noneMatch(rule -> rule.getFrom().get(0).getNamespaceSelector() != null);
    }

    @Test
    void shouldAdmitPodsOfTheNamespaceLabelledAsClientsOfTheCluster() {
        ArrayCluster demo = cluster("demo");
        NetworkPolicy policy = NetworkPolicyFactory.desired(demo, ALLOWED);
        PodRef notebook = new PodRef(NS, Map.of(ClusterLabels.CLIENT_OF, "demo", "app", "jupyter"));

        assertThat(PolicySemantics.admits(policy, notebook, scheduler(demo), ClusterNames.COMM_PORT)).isTrue();
        assertThat(PolicySemantics.admits(policy, notebook, worker(demo), ANY_PORT)).isTrue();
        assertThat(PolicySemantics.admits(policy, new PodRef(NS, Map.of(ClusterLabels.CLIENT_OF, "other")),
                scheduler(demo), ClusterNames.COMM_PORT)).as("a client of another cluster").isFalse();
        assertThat(PolicySemantics.admits(policy, new PodRef("tessera-chemistry", notebook.labels()), scheduler(demo),
                ClusterNames.COMM_PORT)).as("the label counts only inside the cluster's namespace").isFalse();
    }

    @Test
    void shouldCarryTheStandardLabelsAndTheClusterAsController() {
        ArrayCluster demo = cluster("demo");

        NetworkPolicy policy = NetworkPolicyFactory.desired(demo, ALLOWED);

        assertThat(policy.getMetadata().getName()).isEqualTo("demo-isolation");
        assertThat(policy.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "tessera")
                .containsEntry("app.kubernetes.io/name", "dask").containsEntry("tessera.io/cluster", "demo")
                .containsEntry("tessera.io/group", "physics").doesNotContainKey("app.kubernetes.io/component");
        assertThat(policy.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(demo.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
    }

    private static ArrayCluster cluster(String name) {
        return new ArrayClusterBuilder().withNewMetadata().withName(name).withNamespace(NS).withUid("uid-" + name)
                .addToLabels("tessera.io/group", "physics").endMetadata()
                .withNewSpec().withNewWorker().withReplicas(1).endWorker().endSpec().build();
    }

    private static PodRef scheduler(ArrayCluster cluster) {
        return new PodRef(cluster.getMetadata().getNamespace(),
                SchedulerPodFactory.desired(cluster, IMAGE, PodSecurity.RESTRICTED).getMetadata().getLabels());
    }

    private static PodRef worker(ArrayCluster cluster) {
        WorkerGroup group = WorkerGroup.of(cluster.getSpec()).get(0);
        String pod = ClusterNames.workerPod(cluster.getMetadata().getName(), group.name(), "0");
        return new PodRef(cluster.getMetadata().getNamespace(),
                WorkerPodFactory.desired(cluster, group, pod, IMAGE, PodSecurity.RESTRICTED).getMetadata().getLabels());
    }

    /** An ArrayJob in {@link #NS} named {@code name}, from the golden input of the ArrayJob tests. */
    private static ArrayJob arrayJob(String name) throws IOException {
        ArrayJob run;
        try (InputStream in = NetworkPolicyFactoryTest.class.getResourceAsStream(
                "/arrayjob-desired/inline-script/in-ArrayJob-nightly.yaml")) {
            run = Serialization.unmarshal(in, ArrayJob.class);
        }
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace(NS);
        return run;
    }

    /** Labels of the runner pods, as the runner Job's pod template gives them. */
    private static PodRef runner(ArrayJob run) {
        Map<String, String> labels = new HashMap<>(RunnerJobFactory.desired(run, new RunMetadata("tls://x:8786",
                "2026-03-01T03:00:00Z", RunMetadata.DIRECT), IMAGE, PodSecurity.RESTRICTED, false).getSpec().getTemplate().getMetadata()
                .getLabels());
        return new PodRef(run.getMetadata().getNamespace(), labels);
    }
}

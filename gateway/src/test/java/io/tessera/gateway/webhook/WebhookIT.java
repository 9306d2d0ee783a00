package io.tessera.gateway.webhook;

import static io.tessera.gateway.testing.Tenants.GI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.GroupUsage;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.testing.Kubectl;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import io.tessera.gateway.webhook.owner.Owners;
import io.tessera.gateway.webhook.tls.CertificateManager;
import io.tessera.gateway.webhook.tls.TlsSecret;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admission webhook on the real local API server, through kubectl as users run it: the API
 * server calls the gateway's HTTPS listener (caBundle from the gateway's own CA), the gateway
 * reserves in PostgreSQL.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class WebhookIT {

    /** One ArrayCluster with one worker: 1 core, 512 MiB. */
    private static final Resources ONE_CORE = new Resources(1_000, GI / 2, 0, 1);

    @Inject
    KubernetesClient client;

    @Inject
    CertificateManager certificates;

    @Inject
    WebhookServer server;

    @Inject
    AdmissionService admission;

    @Inject
    GroupService groups;

    @Inject
    Owners owners;

    @Inject
    Tenants tenants;

    private final List<String> namespaces = new ArrayList<>();

    @BeforeEach
    void register() throws Exception {
        LocalWebhook.register(client, certificates);
    }

    @AfterEach
    void deleteNamespaces() {
        namespaces.forEach(ns -> client.namespaces().withName(ns).delete());
    }

    @AfterAll
    static void unregister() {
        // Nothing must call a listener that is gone: unregistered while the test JVM still runs.
        try (KubernetesClient c = new io.fabric8.kubernetes.client.KubernetesClientBuilder().build()) {
            LocalWebhook.unregister(c);
        }
    }

    private String group(String prefix, Limits quota, String... members) {
        String group = tenants.group(prefix, quota, members);
        String namespace = groups.get(group).namespace;
        LocalWebhook.groupNamespace(client, namespace, group);
        namespaces.add(namespace);
        return group;
    }

    private String ns(String group) {
        return groups.get(group).namespace;
    }

    static String cluster(String namespace, String name, String user, int replicas, boolean sized) {
        String resources = sized ? "    resources: {requests: {cpu: 500m, memory: 256Mi}}\n" : "";
        return "apiVersion: tessera.io/v1alpha1\nkind: ArrayCluster\nmetadata:\n  name: " + name + "\n  namespace: " + namespace
                + "\n" + (user == null ? "" : "  labels: {tessera.io/user: " + user + "}\n")
                + "spec:\n  scheduler:\n" + (sized ? "  " + resources : "    {}\n")
                + "  worker:\n    replicas: " + replicas + "\n" + resources;
    }

    private static Kubectl.Result apply(String manifest, String... extra) {
        List<String> args = new ArrayList<>(List.of("apply", "-f", "-"));
        args.addAll(List.of(extra));
        return Kubectl.run(manifest, args.toArray(String[]::new));
    }

    @Test
    void shouldDenyAnOverQuotaApplyWithTheAdmissionMessageAndReserveWhatFits() {
        String group = group("wh-apply", new Limits(2_000L, 8 * GI, null, null, null), "alice");
        String ns = ns(group);
        // 1 core scheduler+worker: fits; 3 workers more: 2.0 cores, only 1 left
        apply(cluster(ns, "small", "alice", 1, true)).assertSuccess();
        Kubectl.Result denied = apply(cluster(ns, "big", "alice", 3, true));
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.stderr()).contains("admission webhook \"admission.tessera.io\" denied the request")
                .contains("group " + group + ": cores 2 requested, 1 of 2 left");
        assertThat(client.resources(ArrayCluster.class).inNamespace(ns).withName("big").get()).isNull();
        GroupUsage usage = admission.usage(group);
        assertThat(usage.reserved()).isEqualTo(ONE_CORE);
        assertThat(usage.clusters()).isEqualTo(1);
    }

    @Test
    void shouldDenyKubectlScaleOverQuotaAndReserveAScaleThatFits() {
        String group = group("wh-scale", new Limits(3_000L, null, null, null, null), "alice");
        String ns = ns(group);
        apply(cluster(ns, "c", "alice", 1, true)).assertSuccess();
        Kubectl.Result denied = Kubectl.run(null, "scale", "-n", ns, "arraycluster/c", "--replicas=8");
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.stderr()).contains("group " + group + ": cores 3.5 requested, 2 of 3 left");
        assertThat(admission.usage(group).reserved()).isEqualTo(ONE_CORE);

        Kubectl.run(null, "scale", "-n", ns, "arraycluster/c", "--replicas=3").assertSuccess();
        assertThat(admission.usage(group).reserved().millicores()).isEqualTo(2_000);
        // scaling down is always admitted, also back under a quota lowered meanwhile
        groups.setQuota(group, new Limits(1_000L, null, null, null, null));
        Kubectl.run(null, "scale", "-n", ns, "arraycluster/c", "--replicas=2").assertSuccess();
        assertThat(admission.usage(group).reserved().millicores()).isEqualTo(1_500);
    }

    @Test
    void shouldCheckButNeverReserveOnADryRun() {
        String group = group("wh-dry", new Limits(1_000L, null, null, null, null), "alice");
        String ns = ns(group);
        apply(cluster(ns, "dry", "alice", 1, true), "--dry-run=server").assertSuccess();
        assertThat(admission.usage(group).clusters()).isZero();
        assertThat(client.resources(ArrayCluster.class).inNamespace(ns).withName("dry").get()).isNull();
        Kubectl.Result tooBig = apply(cluster(ns, "dry", "alice", 4, true), "--dry-run=server");
        assertThat(tooBig.stderr()).contains("cores 2.5 requested, 1 of 1 left");
        // the real apply afterwards still finds the whole quota free
        apply(cluster(ns, "dry", "alice", 1, true)).assertSuccess();
        assertThat(admission.usage(group).reserved()).isEqualTo(ONE_CORE);
    }

    @Test
    void shouldDenyUnsizedContainersAndUnknownOwnersWithMessagesSayingWhatToDo() {
        String group = group("wh-owner", new Limits(null, null, null, null, null), "alice");
        String ns = ns(group);
        assertThat(apply(cluster(ns, "unsized", "alice", 1, false)).stderr())
                .contains("ArrayCluster unsized: scheduler, worker request no CPU or no memory");
        assertThat(apply(cluster(ns, "stranger", "mallory", 1, true)).stderr())
                .contains("label tessera.io/user=mallory does not name a member of group " + group);
        // kubectl's user (kwok-admin) is no Tessera user: without a label only the service owner can own it
        assertThat(apply(cluster(ns, "nolabel", null, 1, true)).stderr())
                .contains("cannot tell which member of group " + group + " owns this object")
                .contains("PUT /api/admin/v1/groups/" + group + "/service-owner");
        owners.setServiceOwner(group, "alice");
        apply(cluster(ns, "nolabel", null, 1, true)).assertSuccess();
        // the requesting user, when a member, owns what they apply
        groups.addMember(group, "kwok-admin", false);
        apply(cluster(ns, "mine", null, 1, true)).assertSuccess();
        assertThat(admission.usage(group).clusters()).isEqualTo(2);
        // a cluster that holds no reservation (it predates the webhook): updates that grow nothing pass
        // without reserving, growing it reserves it again (here for the requesting member)
        admission.release(ns, "nolabel");
        owners.clearServiceOwner(group);
        Kubectl.run(null, "label", "-n", ns, "arraycluster/nolabel", "team=climate").assertSuccess();
        assertThat(admission.usage(group).clusters()).isEqualTo(1);
        Kubectl.run(null, "scale", "-n", ns, "arraycluster/nolabel", "--replicas=2").assertSuccess();
        assertThat(admission.usage(group).clusters()).isEqualTo(2);
    }

    @Test
    void shouldDenyCondaPackagesWhereTheImageHasNoCondaAndReserveNothing() {
        String group = group("wh-conda", new Limits(null, null, null, null, null), "alice");
        String ns = ns(group);
        Kubectl.Result denied = apply(cluster(ns, "conda", "alice", 1, true)
                + "  environment:\n    conda: [\"xarray=2025.1\"]\n");
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.stderr()).contains("ArrayCluster conda: spec.environment: conda packages [xarray=2025.1]"
                + " cannot be installed").contains("under pip");
        assertThat(admission.usage(group).clusters()).isZero();
        // pip packages are what this image builds
        apply(cluster(ns, "pip", "alice", 1, true) + "  environment:\n    pip: [\"tabulate==0.9.0\"]\n").assertSuccess();
        assertThat(admission.usage(group).clusters()).isEqualTo(1);
    }

    @Test
    void shouldLeaveNamespacesWithoutAGroupAlone() {
        String ns = "wh-free-" + ProcessHandle.current().pid();
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns)
                .endMetadata().build()).create();
        namespaces.add(ns);
        apply(cluster(ns, "unsized", null, 1, false)).assertSuccess();
    }

    @Test
    void shouldFailClosedWhileTheGatewayIsDown() throws Exception {
        String group = group("wh-down", new Limits(null, null, null, null, null), "alice");
        String ns = ns(group);
        server.close();
        try {
            Kubectl.Result denied = apply(cluster(ns, "while-down", "alice", 1, true));
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.stderr()).contains("failed calling webhook \"admission.tessera.io\"");
            assertThat(client.resources(ArrayCluster.class).inNamespace(ns).withName("while-down").get()).isNull();
        } finally {
            server.listen();
        }
        apply(cluster(ns, "while-down", "alice", 1, true)).assertSuccess();
    }

    @Test
    void shouldKeepTheSecretAcrossARestartAndPatchTheCaBundleBack() throws Exception {
        Secret before = client.secrets().inNamespace(WebhookProfile.NAMESPACE).withName(WebhookProfile.SECRET).get();
        assertThat(before.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(caBundles()).containsOnly(before.getData().get(TlsSecret.CA_CERT));
        // someone (a GitOps sync, a chart upgrade) resets the caBundle
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(WebhookProfile.CONFIGURATION)
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/webhooks/0/clientConfig/caBundle\"}]");
        assertThat(caBundles()).containsOnlyNulls();

        server.close();
        server.listen(); // what a restarted gateway does: ensure the Secret, patch caBundle, serve

        Secret after = client.secrets().inNamespace(WebhookProfile.NAMESPACE).withName(WebhookProfile.SECRET).get();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(after.getData()).isEqualTo(before.getData());
        assertThat(caBundles()).containsOnly(before.getData().get(TlsSecret.CA_CERT));
        String group = group("wh-restart", new Limits(null, null, null, null, null), "alice");
        apply(cluster(ns(group), "after-restart", "alice", 1, true)).assertSuccess();
    }

    @Test
    void shouldAdmitExactlyWhatFitsUnderManyConcurrentApplies() throws Exception {
        int fits = 7;
        int applies = 60;
        String group = group("wh-race", new Limits(fits * 1_000L, null, null, null, null), "alice");
        String ns = ns(group);
        ExecutorService pool = Executors.newFixedThreadPool(applies);
        try {
            List<Callable<Kubectl.Result>> tasks = new ArrayList<>();
            for (int i = 0; i < applies; i++) {
                String manifest = cluster(ns, "race-" + i, "alice", 1, true);
                tasks.add(() -> apply(manifest));
            }
            List<Kubectl.Result> results = new ArrayList<>();
            for (Future<Kubectl.Result> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            assertThat(results.stream().filter(r -> r.exitCode() == 0)).hasSize(fits);
            assertThat(results.stream().filter(r -> r.exitCode() != 0))
                    .allSatisfy(r -> assertThat(r.stderr()).contains("cores 1 requested, 0 of " + fits + " left"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(client.resources(ArrayCluster.class).inNamespace(ns).list().getItems()).hasSize(fits);
        GroupUsage usage = admission.usage(group);
        assertThat(usage.clusters()).isEqualTo(fits);
        assertThat(usage.reserved()).isEqualTo(new Resources(fits * 1_000L, fits * GI / 2, 0, fits));
    }

    private List<String> caBundles() {
        ValidatingWebhookConfiguration vwc = client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(WebhookProfile.CONFIGURATION).get();
        return vwc.getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle()).toList();
    }

    static Duration timeout() {
        return Duration.ofSeconds(90);
    }
}

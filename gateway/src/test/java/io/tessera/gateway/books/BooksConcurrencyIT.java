package io.tessera.gateway.books;

import static io.tessera.gateway.testing.Tenants.GI;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.identity.TokenService;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import io.tessera.gateway.webhook.LocalWebhook;
import io.tessera.gateway.webhook.tls.CertificateManager;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Randomised interleavings on the real local API server and PostgreSQL (issue 12): REST creates,
 * scales, adapts and deletes, writes through the admission webhook (merge patches of the spec and
 * the scale subresource, as kubectl makes them) and operator-like status writes, across several
 * groups, all at once. After every round, with nothing in flight: each group's books equal the
 * sum of its ArrayClusters' footprints, no group is over its quota (books or specs), and no
 * answer was a 5xx. The seed is printed; {@code -Dtessera.books.seed=<n>} replays a run's choices
 * (the interleaving itself is up to the machine).
 */
@QuarkusTest
@TestProfile(BooksProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class BooksConcurrencyIT {

    private static final int GROUPS = 4;
    private static final int ROUNDS = Integer.getInteger("tessera.books.rounds", 8);
    private static final int OPERATIONS_PER_ROUND = 36;
    private static final int THREADS = 12;
    /** 10 cores, 32 GiB: a few clusters of 1-core schedulers and 0.5-2-core workers fill it. */
    private static final Limits QUOTA = new Limits(10_000L, 32 * GI, null, null, null);
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    @TestHTTPResource("/api/v1/clusters/")
    URI clustersUri;

    @Inject
    KubernetesClient kube;

    @Inject
    CertificateManager certificates;

    @Inject
    Tenants tenants;

    @Inject
    GroupService groups;

    @Inject
    TokenService tokens;

    @Inject
    AdmissionService admission;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A group, its namespace, its one member's API token and the clusters created so far. */
    private record Tenant(String group, String namespace, String token, List<String> clusters) {
    }

    /** What one operation got: its kind, the HTTP status (the API server's for Kubernetes writes) and the body. */
    private record Outcome(String kind, int status, String detail) {
    }

    @BeforeEach
    void registerWebhook() throws Exception {
        LocalWebhook.register(kube, certificates, BooksProfile.CONFIGURATION, BooksProfile.PORT);
    }

    /** The groups of this run; their namespaces go afterwards, so their pods free the simulated nodes for later tests. */
    private final List<Tenant> tenantList = new ArrayList<>();

    @AfterEach
    void deleteTenantNamespaces() {
        tenantList.forEach(tenant -> kube.namespaces().withName(tenant.namespace()).delete());
    }

    @AfterAll
    static void unregisterWebhook() {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            LocalWebhook.unregister(client, BooksProfile.CONFIGURATION);
        }
    }

    @Test
    void shouldKeepTheBooksEqualToTheSpecsUnderRandomInterleavings() throws Exception {
        long seed = Long.getLong("tessera.books.seed", System.nanoTime());
        System.out.println("[books] seed " + seed + " (replay the choices with -Dtessera.books.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int i = 0; i < GROUPS; i++) {
            String user = "books-" + ProcessHandle.current().pid() % 1000 + "-" + i;
            String group = tenants.group("books", QUOTA, user);
            tenantList.add(new Tenant(group, groups.get(group).namespace, tokens.create(user, "books IT", null).token(),
                    new CopyOnWriteArrayList<>()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Map<String, Integer> tally = new TreeMap<>();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                List<Callable<Outcome>> operations = new ArrayList<>();
                for (int i = 0; i < OPERATIONS_PER_ROUND; i++) {
                    operations.add(operation(tenantList.get(random.nextInt(GROUPS)), random));
                }
                List<String> serverErrors = new ArrayList<>();
                for (Future<Outcome> future : pool.invokeAll(operations)) {
                    Outcome outcome = future.get();
                    tally.merge(outcome.kind() + " " + outcome.status(), 1, Integer::sum);
                    if (outcome.status() >= 500) {
                        serverErrors.add(outcome.kind() + " " + outcome.status() + " " + outcome.detail());
                    }
                }
                String where = "round " + round + " of seed " + seed;
                List<String> violations = new ArrayList<>();
                serverErrors.forEach(error -> violations.add("5xx answer: " + error));
                for (Tenant tenant : tenantList) {
                    violations.addAll(checkBooks(tenant));
                }
                assertThat(violations).as("violations in " + where + "; answers so far " + tally).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("[books] " + ROUNDS + " rounds exact; answers " + tally);
    }

    /** Books = sum of the specs' footprints, neither over the quota; the violations found. */
    private List<String> checkBooks(Tenant tenant) {
        Resources books = admission.usage(tenant.group()).reserved();
        Resources specs = Resources.ZERO;
        List<String> shapes = new ArrayList<>();
        for (ArrayCluster cluster : kube.resources(ArrayCluster.class).inNamespace(tenant.namespace()).list().getItems()) {
            if (cluster.getMetadata().getDeletionTimestamp() == null) {
                Resources footprint = ArrayClusterFootprint.of(cluster.getSpec()).resources();
                specs = specs.plus(footprint);
                shapes.add(cluster.getMetadata().getName() + "=" + footprint);
            }
        }
        List<String> violations = new ArrayList<>();
        String context = "group " + tenant.group() + ": books " + books + ", specs " + specs + " " + shapes;
        if (!books.equals(specs)) {
            violations.add("books differ from the sum of the specs, " + context);
        }
        if (specs.millicores() > QUOTA.millicores() || specs.memoryBytes() > QUOTA.memoryBytes()) {
            violations.add("specs over the quota " + QUOTA + ", " + context);
        }
        if (books.millicores() > QUOTA.millicores() || books.memoryBytes() > QUOTA.memoryBytes()) {
            violations.add("books over the quota " + QUOTA + ", " + context);
        }
        return violations;
    }

    /** One random operation on the tenant, chosen now (from the seed), run later (concurrently). */
    private Callable<Outcome> operation(Tenant tenant, Random random) {
        int dice = random.nextInt(100);
        int count = random.nextInt(7);
        int extra = random.nextInt(5);
        int pick = random.nextInt(1 << 20);
        double cores = new double[] {0.5, 1, 2}[random.nextInt(3)];
        int memory = 1 + random.nextInt(3);
        if (dice < 22 || tenant.clusters().isEmpty()) {
            return () -> create(tenant, cores, memory);
        }
        if (dice < 50) {
            return () -> rest("scale", tenant, pick, "/scale", "{\"count\": " + count + "}");
        }
        if (dice < 58) {
            String body = extra == 0 ? "{\"active\": false}"
                    : "{\"minimum\": " + count + ", \"maximum\": " + (count + extra) + "}";
            return () -> rest("adapt", tenant, pick, "/adapt", body);
        }
        if (dice < 65) {
            return () -> delete(tenant, pick);
        }
        if (dice < 77) {
            return () -> kubernetes("webhook-patch", tenant, pick, name -> kube.resources(ArrayCluster.class)
                    .inNamespace(tenant.namespace()).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"spec\": {\"worker\": {\"replicas\": " + count + "}}}"));
        }
        if (dice < 85) {
            // The scale subresource of an Adaptive cluster (no spec.worker.replicas) is the API
            // server's own 500 ("the spec replicas field does not exist"): kubectl scale is for Manual ones.
            return () -> kubernetes("webhook-scale", tenant, pick, name -> {
                var cluster = kube.resources(ArrayCluster.class).inNamespace(tenant.namespace()).withName(name);
                ArrayCluster current = cluster.get();
                if (current != null && current.getSpec().getWorker() != null
                        && current.getSpec().getWorker().getReplicas() != null) {
                    cluster.scale(count);
                }
            });
        }
        return () -> kubernetes("status", tenant, pick, name -> kube.resources(ArrayCluster.class)
                .inNamespace(tenant.namespace()).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"status\": {\"phase\": \"Running\", \"readyWorkers\": " + count + "}}"));
    }

    private Outcome create(Tenant tenant, double cores, int memoryGib) throws Exception {
        HttpResponse<String> answer = send(tenant, HttpRequest.newBuilder(clustersUri)
                .POST(HttpRequest.BodyPublishers.ofString("{\"cluster_options\": {\"worker_cores\": " + cores
                        + ", \"worker_memory\": " + memoryGib + "}}")));
        Matcher name = NAME.matcher(answer.body());
        if (answer.statusCode() == 201 && name.find()) {
            tenant.clusters().add(name.group(1));
        }
        return new Outcome("create", answer.statusCode(), answer.body());
    }

    private Outcome rest(String kind, Tenant tenant, int pick, String suffix, String body) throws Exception {
        String name = choose(tenant, pick);
        HttpResponse<String> answer = send(tenant, HttpRequest.newBuilder(clustersUri.resolve(name + suffix))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        return new Outcome(kind, answer.statusCode(), name + ": " + answer.body());
    }

    private Outcome delete(Tenant tenant, int pick) throws Exception {
        String name = choose(tenant, pick);
        HttpResponse<String> answer = send(tenant, HttpRequest.newBuilder(clustersUri.resolve(name)).DELETE());
        if (answer.statusCode() == 204) {
            tenant.clusters().remove(name);
        }
        return new Outcome("delete", answer.statusCode(), name + ": " + answer.body());
    }

    private Outcome kubernetes(String kind, Tenant tenant, int pick, java.util.function.Consumer<String> write) {
        String name = choose(tenant, pick);
        try {
            write.accept(name);
            return new Outcome(kind, 200, name);
        } catch (KubernetesClientException e) {
            return new Outcome(kind, e.getCode(), name + ": " + e.getMessage());
        }
    }

    private static String choose(Tenant tenant, int pick) {
        List<String> names = List.copyOf(tenant.clusters());
        return names.isEmpty() ? "none-yet" : names.get(pick % names.size());
    }

    private HttpResponse<String> send(Tenant tenant, HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(120)).header("Authorization", "token " + tenant.token())
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}

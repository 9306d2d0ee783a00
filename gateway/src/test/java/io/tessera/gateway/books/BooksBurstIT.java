package io.tessera.gateway.books;

import static io.tessera.gateway.testing.Tenants.GI;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The burst, as a measurement (run on demand: {@code -Dtessera.books.burst=true}): 500
 * concurrent creates over 5 groups, then 100 concurrent scales over the admitted clusters (several
 * on the same cluster), with the webhook on. Prints answers by status, latency p50/p99/max of each
 * phase, over-admissions and books vs specs per group, and fails on any 5xx, over-admission or
 * difference.
 */
@QuarkusTest
@TestProfile(BooksProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "tessera.books.burst", matches = "true")
class BooksBurstIT {

    private static final int GROUPS = 5;
    private static final int CREATES = 500;
    private static final int SCALES = 100;
    /** 10 cores, 32 GiB, 4 clusters: the creates leave 6 cores per group for the scales to race for. */
    private static final Limits QUOTA = new Limits(10_000L, 32 * GI, null, 4L, null);
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private record Answer(int status, String body, long millis) {
    }

    @AfterAll
    static void unregisterWebhook() {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            LocalWebhook.unregister(client, BooksProfile.CONFIGURATION);
        }
    }

    @Test
    void shouldMeasureFiveHundredCreatesAndOneHundredScalesOverFiveGroups() throws Exception {
        LocalWebhook.register(kube, certificates, BooksProfile.CONFIGURATION, BooksProfile.PORT);
        List<String> groupNames = new ArrayList<>();
        List<String> tokenList = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            String user = "burst-" + ProcessHandle.current().pid() % 1000 + "-" + i;
            groupNames.add(tenants.group("burst", QUOTA, user));
            tokenList.add(tokens.create(user, "burst IT", null).token());
        }
        List<Callable<Answer>> creates = new ArrayList<>();
        for (int i = 0; i < CREATES; i++) {
            String token = tokenList.get(i % GROUPS);
            double cores = new double[] {0.5, 1, 2}[i % 3];
            creates.add(() -> send(token, HttpRequest.newBuilder(clustersUri).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"cluster_options\": {\"worker_cores\": " + cores + ", \"worker_memory\": 1}}"))));
        }
        List<Answer> created = burst(creates);
        List<List<String>> names = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            names.add(new ArrayList<>());
        }
        for (int i = 0; i < created.size(); i++) {
            Matcher name = NAME.matcher(created.get(i).body());
            if (created.get(i).status() == 201 && name.find()) {
                names.get(i % GROUPS).add(name.group(1));
            }
        }
        List<Callable<Answer>> scales = new ArrayList<>();
        for (int i = 0; i < SCALES; i++) {
            int group = i % GROUPS;
            List<String> mine = names.get(group);
            String name = mine.isEmpty() ? "none" : mine.get((i / GROUPS) % mine.size());
            int count = 1 + (i * 7) % 6;
            String token = tokenList.get(group);
            scales.add(() -> send(token, HttpRequest.newBuilder(clustersUri.resolve(name + "/scale"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"count\": " + count + "}"))));
        }
        List<Answer> scaled = burst(scales);

        report("creates", created);
        report("scales", scaled);
        int overAdmissions = 0;
        List<String> differences = new ArrayList<>();
        for (String group : groupNames) {
            Resources books = admission.usage(group).reserved();
            Resources specs = Resources.ZERO;
            for (ArrayCluster c : kube.resources(ArrayCluster.class).inNamespace(groups.get(group).namespace).list().getItems()) {
                specs = specs.plus(ArrayClusterFootprint.of(c.getSpec()).resources());
            }
            boolean over = specs.millicores() > QUOTA.millicores() || specs.memoryBytes() > QUOTA.memoryBytes();
            overAdmissions += over ? 1 : 0;
            if (!books.equals(specs)) {
                differences.add(group + ": books " + books + " specs " + specs);
            }
            System.out.println("[burst] group " + group + ": books " + books + ", specs " + specs + ", quota 10 cores 32 GiB 4 clusters"
                    + (over ? " OVER" : ""));
        }
        long serverErrors = created.stream().filter(a -> a.status() >= 500).count()
                + scaled.stream().filter(a -> a.status() >= 500).count();
        System.out.println("[burst] 5xx " + serverErrors + ", groups over quota " + overAdmissions
                + ", books differing from specs " + differences.size());
        assertThat(serverErrors).as("5xx answers").isZero();
        assertThat(overAdmissions).as("groups whose specs exceed the quota").isZero();
        assertThat(differences).as("books vs specs").isEmpty();
    }

    private List<Answer> burst(List<Callable<Answer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        try {
            for (Callable<Answer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private Answer send(String token, HttpRequest.Builder request) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(300))
                .header("Authorization", "token " + token).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.body(), (System.nanoTime() - started) / 1_000_000);
    }

    private static void report(String phase, List<Answer> answers) {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        answers.forEach(a -> byStatus.merge(a.status(), 1, Integer::sum));
        long[] millis = answers.stream().mapToLong(Answer::millis).sorted().toArray();
        System.out.printf("[burst] %s: %d requests, answers %s, latency p50 %d ms, p99 %d ms, max %d ms%n", phase,
                answers.size(), byStatus, millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.99) - 1],
                millis[millis.length - 1]);
        answers.stream().filter(a -> a.status() >= 500).limit(5)
                .forEach(a -> System.out.println("[burst]   " + a.status() + " " + a.body()));
    }
}

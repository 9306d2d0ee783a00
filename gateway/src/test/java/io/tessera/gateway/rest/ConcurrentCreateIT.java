package io.tessera.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.GroupUsage;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.identity.TokenService;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.KubernetesProfile;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The concurrency requirement on the REST path: 200 concurrent creates through the real
 * HTTP stack (a real Tessera API token, the authentication mechanism, the dask-gateway resource,
 * admission and the Kubernetes create) against a group whose quota fits exactly N clusters. Exactly
 * N are admitted, every refusal is the quota's 422 (never a 5xx), and the quota rows, the
 * ArrayClusters on the API server and the answers agree afterwards.
 */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentCreateIT {

    private static final int REQUESTS = 200;
    /** Each create reserves its scheduler: 1 core and 2 GiB with the built-in options. */
    private static final int FITS = 37;

    @TestHTTPResource("/api/v1/clusters/")
    URI clusters;

    @Inject
    Tenants tenants;

    @Inject
    GroupService groups;

    @Inject
    TokenService tokens;

    @Inject
    AdmissionService admission;

    @Inject
    KubernetesClient kube;

    @Test
    void shouldAdmitExactlyWhatTheQuotaFitsUnderTwoHundredConcurrentCreates() throws Exception {
        String user = "race-" + ProcessHandle.current().pid();
        // The cluster count is the binding limit; cores are generous so that only one limit decides.
        String group = tenants.group("race", new Limits(1_000_000L, null, null, (long) FITS, null), user);
        String token = tokens.create(user, "concurrency IT", null).token();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest create = HttpRequest.newBuilder(clusters).timeout(Duration.ofSeconds(120))
                .header("Authorization", "token " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"cluster_options\": {}}")).build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        try {
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.send(create, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
        } finally {
            pool.shutdown();
        }

        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            byStatus.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 422) {
                assertThat(response.body()).contains("clusters 1 requested, 0 of " + FITS + " left");
            }
        }
        assertThat(byStatus).as("answers by status").isEqualTo(Map.of(201, FITS, 422, REQUESTS - FITS));

        try {
            GroupUsage usage = admission.usage(group);
            assertThat(usage.reserved().millicores()).isEqualTo(FITS * 1_000L);
            assertThat(usage.reserved().memoryBytes()).isEqualTo(FITS * (2L << 30));
            assertThat(kube.resources(ArrayCluster.class).inNamespace(groups.get(group).namespace).list().getItems())
                    .as("ArrayClusters on the API server").hasSize(FITS);
        } finally {
            // The admitted clusters' pods would hold the simulated nodes' cores for the later tests.
            kube.namespaces().withName(groups.get(group).namespace).delete();
        }
    }
}

package io.tessera.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.quota.Decision;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Many admissions at once in one group: the group's row lock must keep the books exact. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class AdmissionConcurrencyIT {

    private static final int REQUESTS = 120;
    private static final Resources ONE_CORE = new Resources(1_000, Tenants.GI, 0, 1);

    @Inject
    AdmissionService admission;

    @Inject
    GroupRepository groups;

    @Inject
    GroupService groupService;

    @Inject
    ClusterRepository clusters;

    @Inject
    Tenants tenants;

    @Test
    void shouldAdmitExactlyWhatFitsWhenManyCreatesRaceForTheLastHeadroom() throws Exception {
        String group = tenants.group("race", new Limits(7_000L, null, null, null, null), "alice", "bob");
        List<Decision> decisions = race(i -> () -> admission.create(
                new CreateCluster(group, i % 2 == 0 ? "alice" : "bob", "c" + i, ONE_CORE)));
        assertThat(decisions.stream().filter(Decision::admitted)).hasSize(7);
        assertThat(decisions.stream().filter(d -> !d.admitted()))
                .allMatch(d -> ((Decision.Reject) d).message().equals("group " + group + ": cores 1 requested, 0 of 7 left"));
        GroupUsage usage = admission.usage(group);
        assertThat(usage.reserved()).isEqualTo(new Resources(7_000, 7 * Tenants.GI, 0, 7));
        assertThat(usage.clusters()).isEqualTo(7);
    }

    @Test
    void shouldAdmitExactlyWhatFitsWhenScaleUpsRace() throws Exception {
        String group = tenants.group("scalerace", new Limits(10_000L, null, null, null, null), "alice");
        for (int i = 0; i < 10; i++) {
            assertThat(admission.create(new CreateCluster(group, "alice", "s" + i, ONE_CORE)).admitted()).isTrue();
        }
        groupService.setQuota(group, new Limits(13_000L, null, null, null, null));
        // Ten clusters, twelve requests each, all to grow by one core; three cores of headroom.
        race(i -> () -> admission.scale("tessera-" + group, "s" + (i % 10), new Resources(2_000, Tenants.GI, 0, 1)));
        assertThat(admission.usage(group).reserved().millicores()).isEqualTo(13_000);
        assertThat(clusters.count("groupId = ?1 and reservedCoresMillis = 2000 and state = 'ACTIVE'",
                groups.require(group).id)).as("clusters that grew").isEqualTo(3);
    }

    @Test
    void shouldReserveOnceWhenTheSameCreateIsRetriedConcurrently() throws Exception {
        String group = tenants.group("retryrace", new Limits(100_000L, null, null, null, null), "alice");
        List<Decision> decisions = race(i -> () -> admission.create(new CreateCluster(group, "alice", "once", ONE_CORE)));
        assertThat(decisions).allMatch(Decision::admitted);
        assertThat(admission.usage(group).reserved()).isEqualTo(ONE_CORE);
        assertThat(admission.usage(group).clusters()).isEqualTo(1);
    }

    @Test
    void shouldMakeAdmissionWaitWhileAnotherTransactionHoldsTheGroupLock() throws Exception {
        String group = tenants.group("lock", new Limits(100_000L, null, null, null, null), "alice");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            groups.lock(group);
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Decision> waiting = CompletableFuture.supplyAsync(
                () -> admission.create(new CreateCluster(group, "alice", "waits", ONE_CORE)));
        Thread.sleep(500);
        assertThat(waiting).as("blocked on the row lock").isNotDone();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(Decision.ADMIT);
    }

    /** Runs REQUESTS calls released at the same instant from 40 threads; returns every decision. */
    private static List<Decision> race(IntFunction<Callable<Decision>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Decision>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                Callable<Decision> call = request.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Decision> decisions = new ArrayList<>();
            for (Future<Decision> future : futures) {
                decisions.add(future.get(60, TimeUnit.SECONDS));
            }
            return decisions;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

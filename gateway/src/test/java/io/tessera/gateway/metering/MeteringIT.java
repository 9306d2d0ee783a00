package io.tessera.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.CreateCluster;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.testing.IntervalRow;
import io.tessera.gateway.testing.KwokPods;
import io.tessera.gateway.testing.LocalKubernetes;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The meter against a real API server (the local control plane; kwok runs the pods) and a real
 * PostgreSQL: intervals open and close with the pods' own timestamps and amounts, replays change
 * nothing, unknown clusters are skipped and counted, and a meter that was stopped while pods
 * started, ended and vanished catches up on start.
 */
@QuarkusTest
@TestProfile(MeteringIT.Profile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeteringIT {

    private static final long GI = 1L << 30;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Metering on, with a fast heartbeat so that tests wait seconds, not minutes. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tessera.gateway.metering.enabled", "true",
                    "tessera.gateway.metering.heartbeat-period", "1s",
                    "tessera.gateway.metering.gone-grace", "2s",
                    "tessera.gateway.metering.resync-period", "5s");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    UsageMeter meter;

    @Inject
    DataSource dataSource;

    @Inject
    GroupService groups;

    @Inject
    AdmissionService admission;

    @Inject
    MeterRegistry registry;

    private KwokPods pods;
    private String namespace;
    private String group;

    @BeforeAll
    void createTenant() {
        LocalKubernetes.requireReachable();
        pods = new KwokPods(client);
        namespace = pods.createNamespace("meter");
        group = "meter-" + ProcessHandle.current().pid() % 1000 + "-" + SEQUENCE.incrementAndGet();
        groups.create(group, namespace);
        groups.setQuota(group, new Limits(1_000_000L, null, null, null, null));
        groups.addMember(group, "alice", false);
    }

    /** Tests that stop the meter start it again; a failed one must not leave it off for the rest. */
    @AfterEach
    void keepTheMeterRunning() {
        meter.start();
    }

    @AfterAll
    void deleteNamespace() {
        if (pods != null && namespace != null) {
            pods.deleteNamespace(namespace);
        }
    }

    private String admittedCluster() {
        String name = "c" + SEQUENCE.incrementAndGet();
        assertThat(admission.create(new CreateCluster(group, "alice", name, new Resources(64_000, 64 * GI, 4, 8)))
                .admitted()).isTrue();
        return name;
    }

    private IntervalRow awaitRow(Pod pod, java.util.function.Predicate<IntervalRow> condition) {
        String uid = pod.getMetadata().getUid();
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> IntervalRow.one(dataSource, uid), row -> row.isPresent() && condition.test(row.get()))
                .orElseThrow();
    }

    @Test
    void shouldOpenAtStartTimeWithThePodsRequestsAndCloseAtFinishedAt() {
        String cluster = admittedCluster();
        Pod pod = pods.start(namespace, cluster + "-default-a", cluster, "1500m", "3Gi", 1);

        IntervalRow open = awaitRow(pod, row -> true);
        assertThat(open.open()).isTrue();
        assertThat(open.start()).isEqualTo(KwokPods.startTime(pod));
        assertThat(open.user()).isEqualTo("alice");
        assertThat(open.group()).isEqualTo(group);
        assertThat(open.pod()).isEqualTo(pod.getMetadata().getName());
        assertThat(open.millicores()).isEqualTo(1_500);
        assertThat(open.memoryBytes()).isEqualTo(3 * GI);
        assertThat(open.gpus()).isEqualTo(1);

        Instant finishedAt = KwokPods.startTime(pod).plusSeconds(7);
        pods.finish(pod, finishedAt);
        IntervalRow closed = awaitRow(pod, row -> !row.open());
        assertThat(closed.end()).isEqualTo(finishedAt);
        assertThat(closed.endSource()).isEqualTo("POD");
        assertThat(closed.millicoreSeconds()).isEqualTo(1_500 * 7);
    }

    @Test
    void shouldCloseADeletedRunningPodAtItsFinalDeletion() throws Exception {
        String cluster = admittedCluster();
        Pod pod = pods.start(namespace, cluster + "-scheduler", cluster, "1", "1Gi", 0);
        awaitRow(pod, IntervalRow::open);

        Pod finalState = pods.delete(pod);
        // The sweep may estimate the end first when the delete event is slow; the event's real end wins.
        IntervalRow closed = awaitRow(pod, row -> "POD".equals(row.endSource()));
        assertThat(closed.end()).isEqualTo(KwokPods.deletedAt(finalState));
        assertThat(closed.endSource()).isEqualTo("POD");
    }

    @Test
    void shouldSkipAndCountPodsOfClustersTheGatewayNeverAdmitted() {
        double before = skipped();
        Pod stray = pods.start(namespace, "stray-scheduler", "never-admitted", "1", "1Gi", 0);
        await().atMost(PATIENCE).until(() -> skipped() > before);
        assertThat(IntervalRow.one(dataSource, stray.getMetadata().getUid())).isEmpty();
    }

    @Test
    void shouldChangeNothingOnReplaysOfOldAndNewStates() throws Exception {
        String cluster = admittedCluster();
        Pod running = pods.start(namespace, cluster + "-default-r", cluster, "2", "2Gi", 0);
        IntervalRow open = awaitRow(running, IntervalRow::open);
        for (int i = 0; i < 3; i++) {
            meter.observe(running, false, true);
        }
        assertThat(IntervalRow.one(dataSource, running.getMetadata().getUid())).get()
                .extracting(IntervalRow::start, IntervalRow::end).containsExactly(open.start(), null);

        Pod finished = pods.finish(running, KwokPods.startTime(running).plusSeconds(3));
        IntervalRow closed = awaitRow(running, row -> !row.open());
        // A late replay of the running state must not reopen it, nor a replayed end move it.
        meter.observe(running, false, true);
        meter.observe(finished, false, true);
        meter.observe(finished, true, true);
        assertThat(IntervalRow.one(dataSource, running.getMetadata().getUid())).contains(closed);
    }

    @Test
    void shouldReopenAnEstimatedEndWhenThePodIsSeenRunningAgain() throws Exception {
        String cluster = admittedCluster();
        Pod pod = pods.start(namespace, cluster + "-default-e", cluster, "1", "1Gi", 0);
        IntervalRow open = awaitRow(pod, IntervalRow::open);
        // What a replica with a lagging cache could do: close a live pod's interval by estimate.
        try (Connection connection = dataSource.getConnection(); PreparedStatement close = connection.prepareStatement(
                "UPDATE usage_interval SET ended_at = started_at, end_source = 'LAST_SEEN' WHERE pod_uid = ?")) {
            close.setString(1, pod.getMetadata().getUid());
            assertThat(close.executeUpdate()).isEqualTo(1);
        }
        // The next resync (5 s here) sees the pod running and undoes the estimate.
        IntervalRow reopened = awaitRow(pod, IntervalRow::open);
        assertThat(reopened.start()).isEqualTo(open.start());
        assertThat(reopened.endSource()).isNull();
    }

    @Test
    void shouldCatchUpOnStartWithPodsThatStartedEndedOrVanishedWhileStopped() throws Exception {
        String cluster = admittedCluster();
        Pod ends = pods.start(namespace, cluster + "-default-1", cluster, "1", "1Gi", 0);
        Pod vanishes = pods.start(namespace, cluster + "-default-2", cluster, "2", "1Gi", 0);
        Pod replaced = pods.start(namespace, cluster + "-scheduler", cluster, "500m", "1Gi", 0);
        awaitRow(ends, IntervalRow::open);
        awaitRow(vanishes, IntervalRow::open);
        // Wait for a heartbeat after the opening so that last-seen is later than the start.
        Instant seen = awaitRow(replaced, row -> row.open() && row.lastSeen().isAfter(row.start())).lastSeen();
        awaitRow(vanishes, row -> !row.lastSeen().isBefore(seen.minusSeconds(1)));

        meter.stop();
        Instant stopped = Instant.now();
        Instant lastSeenVanishes = IntervalRow.one(dataSource, vanishes.getMetadata().getUid()).orElseThrow().lastSeen();
        Instant lastSeenReplaced = IntervalRow.one(dataSource, replaced.getMetadata().getUid()).orElseThrow().lastSeen();
        Instant endedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        pods.finish(ends, endedAt);
        pods.delete(vanishes);
        pods.delete(replaced);
        Pod successor = pods.start(namespace, cluster + "-scheduler", cluster, "500m", "1Gi", 0);
        Pod newcomer = pods.start(namespace, cluster + "-default-3", cluster, "4", "8Gi", 0);
        // Nothing was written while the meter was stopped.
        assertThat(IntervalRow.one(dataSource, newcomer.getMetadata().getUid())).isEmpty();
        await().until(() -> Duration.between(stopped, Instant.now()).toSeconds() >= 3); // past the 2 s gone grace

        meter.start();
        // The successor's record closes its predecessor first (same call), so once the successor is
        // open the predecessor's end is final whichever of the sweep and the record ran first.
        assertThat(awaitRow(successor, IntervalRow::open).start()).isEqualTo(KwokPods.startTime(successor));
        assertThat(awaitRow(ends, row -> !row.open())).satisfies(row -> {
            assertThat(row.end()).isEqualTo(endedAt);
            assertThat(row.endSource()).isEqualTo("POD");
        });
        assertThat(awaitRow(vanishes, row -> !row.open())).satisfies(row -> {
            assertThat(row.end()).isEqualTo(lastSeenVanishes);
            assertThat(row.endSource()).isEqualTo("LAST_SEEN");
        });
        // The successor under the same name proves its predecessor gone at the latest when it
        // started; pod times have whole seconds, so within the same second that start comes first.
        Instant successorStart = KwokPods.startTime(successor);
        Instant replacedEnd = successorStart.isBefore(lastSeenReplaced) ? successorStart : lastSeenReplaced;
        assertThat(awaitRow(replaced, row -> !row.open())).satisfies(row -> {
            assertThat(row.end()).isEqualTo(replacedEnd);
            assertThat(row.endSource()).isEqualTo("LAST_SEEN");
        });
        assertThat(awaitRow(newcomer, IntervalRow::open)).satisfies(row -> {
            assertThat(row.start()).isEqualTo(KwokPods.startTime(newcomer));
            assertThat(row.millicores()).isEqualTo(4_000);
            assertThat(row.memoryBytes()).isEqualTo(8 * GI);
        });
    }

    @Test
    void shouldPullASweptEstimateBackToTheSuccessorsStart() throws Exception {
        String cluster = admittedCluster();
        Pod first = pods.start(namespace, cluster + "-scheduler", cluster, "500m", "1Gi", 0);
        awaitRow(first, IntervalRow::open);
        meter.stop();
        pods.delete(first);
        Pod successor = pods.start(namespace, cluster + "-scheduler", cluster, "500m", "1Gi", 0);
        Instant successorStart = KwokPods.startTime(successor);
        // What the vanished-pod sweep writes when it runs before the successor is recorded: an
        // end at the last sighting, later than the successor's start.
        Instant lateSighting = successorStart.plusSeconds(5);
        try (Connection connection = dataSource.getConnection(); PreparedStatement sweep = connection.prepareStatement(
                "UPDATE usage_interval SET last_seen_at = ?, ended_at = ?, end_source = 'LAST_SEEN' WHERE pod_uid = ?")) {
            sweep.setObject(1, OffsetDateTime.ofInstant(lateSighting, ZoneOffset.UTC));
            sweep.setObject(2, OffsetDateTime.ofInstant(lateSighting, ZoneOffset.UTC));
            sweep.setString(3, first.getMetadata().getUid());
            assertThat(sweep.executeUpdate()).isEqualTo(1);
        }
        meter.start();
        awaitRow(successor, IntervalRow::open);
        assertThat(awaitRow(first, row -> row.end().equals(successorStart)).endSource()).isEqualTo("LAST_SEEN");
    }

    @Test
    void shouldMeterAPodOutlivingItsClustersReleaseToThatCluster() {
        String cluster = admittedCluster();
        Pod pod = pods.start(namespace, cluster + "-default-o", cluster, "1", "1Gi", 0);
        long clusterId = awaitRow(pod, IntervalRow::open).clusterId();
        admission.release(namespace, cluster);
        assertThat(admission.create(new CreateCluster(group, "alice", cluster, new Resources(1_000, GI, 0, 1)))
                .admitted()).isTrue();
        pods.finish(pod, KwokPods.startTime(pod).plusSeconds(2));
        IntervalRow closed = awaitRow(pod, row -> !row.open());
        assertThat(closed.clusterId()).isEqualTo(clusterId);
        assertThat(closed.millicoreSeconds()).isEqualTo(2_000);
    }

    private double skipped() {
        return Optional.ofNullable(registry.find("tessera.gateway.metering.pods.skipped").counter())
                .map(c -> c.count()).orElse(0.0);
    }
}

package io.tessera.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tessera.gateway.testing.GatewayProcess;
import io.tessera.gateway.testing.IntervalRow;
import io.tessera.gateway.testing.KwokPods;
import io.tessera.gateway.testing.LocalKubernetes;
import io.tessera.gateway.testing.PostgresServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Metering survives a gateway restart in the middle of a cluster's life", with a real process
 * restart: the packaged gateway is SIGKILLed while a cluster runs, pods start, end and vanish
 * while it is down, a second gateway process starts on the same PostgreSQL, and every pod's
 * interval equals what its own timestamps say (the one pod that vanished without a trace is
 * closed at its last heartbeat, exactly).
 */
class MeteringRestartIT {

    private static final long GI = 1L << 30;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /**
     * A fast heartbeat, so that the test waits seconds; no webhook, whose certificate Secret needs
     * the release namespace (tessera-system) that only other tests create.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "tessera.gateway.metering.heartbeat-period", "1s",
            "tessera.gateway.metering.gone-grace", "2s",
            "tessera.gateway.metering.resync-period", "5s",
            "tessera.webhook.enabled", "false");

    private static PostgresServer postgres;
    private static KubernetesClient client;
    private static KwokPods pods;
    private static String namespace;

    @BeforeAll
    static void start() throws Exception {
        client = new KubernetesClientBuilder().build();
        LocalKubernetes.requireReachable();
        pods = new KwokPods(client);
        // Its own parent directory: the Quarkus ITs of the same JVM already use target/postgres-<pid>.
        postgres = PostgresServer.in(Path.of("target", "restart-it"));
        postgres.start();
        namespace = pods.createNamespace("restart");
    }

    @AfterAll
    static void stop() throws Exception {
        if (namespace != null) {
            pods.deleteNamespace(namespace);
        }
        if (client != null) {
            client.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void shouldMeterEveryPodExactlyAcrossAGatewayRestartInTheMiddleOfAClustersLife() throws Exception {
        GatewayProcess first = GatewayProcess.start("restart-first", postgres.jdbcUrl(), SETTINGS);
        Pod scheduler;
        Pod ends;
        Pod vanishes;
        try {
            awaitSchema(first);
            seedClusterDemo();
            scheduler = pods.start(namespace, "demo-scheduler", "demo", "1", "2Gi", 0);
            ends = pods.start(namespace, "demo-default-b", "demo", "2", "4Gi", 0);
            vanishes = pods.start(namespace, "demo-default-d", "demo", "1", "4Gi", 1);
            for (Pod pod : List.of(scheduler, ends, vanishes)) {
                awaitRow(pod, row -> row.open() && row.lastSeen().isAfter(row.start()), first);
            }
            assertThat(sessionsOf("restart-first")).as("the gateway's database sessions carry its name").isPositive();
        } finally {
            first.kill();
        }
        assertThat(first.isAlive()).isFalse();
        // A heartbeat the killed gateway had already sent may still commit: wait for its sessions to end.
        await().atMost(PATIENCE).until(() -> sessionsOf("restart-first") == 0);

        // The gateway is down. Its last heartbeat is all that is known of the pod that vanishes now.
        Instant lastSeen = row(vanishes).orElseThrow().lastSeen();
        Instant endsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        pods.finish(ends, endsAt);
        pods.deleteNow(vanishes);
        Pod startsWhileDown = pods.start(namespace, "demo-default-c", "demo", "4", "8Gi", 0);
        Pod livesWhileDown = pods.start(namespace, "demo-default-e", "demo", "500m", "1Gi", 0);
        Instant shortLifeEnd = KwokPods.startTime(livesWhileDown).plusSeconds(4);
        pods.finish(livesWhileDown, shortLifeEnd);
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(lastSeen.plusSeconds(3))); // past the 2 s grace
        assertThat(row(startsWhileDown)).as("nothing meters while the gateway is down").isEmpty();

        GatewayProcess second = GatewayProcess.start("restart-second", postgres.jdbcUrl(), SETTINGS);
        try {
            assertEnd(awaitRow(ends, r -> "POD".equals(r.endSource()), second), endsAt, "POD");
            assertEnd(awaitRow(vanishes, r -> !r.open(), second), lastSeen, "LAST_SEEN");
            assertEnd(awaitRow(livesWhileDown, r -> "POD".equals(r.endSource()), second), shortLifeEnd, "POD");
            assertThat(awaitRow(startsWhileDown, IntervalRow::open, second).start())
                    .isEqualTo(KwokPods.startTime(startsWhileDown));
            assertThat(awaitRow(scheduler, IntervalRow::open, second).start()).isEqualTo(KwokPods.startTime(scheduler));

            // The cluster lives on under the second gateway, then ends.
            Instant schedulerEnd = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            pods.finish(scheduler, schedulerEnd);
            Pod finalState = pods.delete(startsWhileDown);
            assertEnd(awaitRow(scheduler, r -> "POD".equals(r.endSource()), second), schedulerEnd, "POD");
            assertEnd(awaitRow(startsWhileDown, r -> "POD".equals(r.endSource()), second), KwokPods.deletedAt(finalState), "POD");

            // Exact seconds from the pods' own timestamps (the vanished pod: start to last heartbeat).
            BigDecimal expected = seconds(scheduler, schedulerEnd).multiply(BigDecimal.valueOf(1_000))
                    .add(seconds(ends, endsAt).multiply(BigDecimal.valueOf(2_000)))
                    .add(seconds(vanishes, lastSeen).multiply(BigDecimal.valueOf(1_000)))
                    .add(seconds(startsWhileDown, KwokPods.deletedAt(finalState)).multiply(BigDecimal.valueOf(4_000)))
                    .add(seconds(livesWhileDown, shortLifeEnd).multiply(BigDecimal.valueOf(500)));
            assertThat(meteredMillicoreSeconds()).isEqualByComparingTo(expected);
            assertThat(intervalsOfDemo()).as("one interval per pod, no double count").isEqualTo(5);
            assertThat(row(vanishes).orElseThrow().gpus()).isEqualTo(1);
            assertThat(row(startsWhileDown).orElseThrow().memoryBytes()).isEqualTo(8 * GI);
        } finally {
            second.close();
        }
    }

    private static long sessionsOf(String applicationName) throws SQLException {
        try (Connection connection = connect(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            count.setString(1, applicationName);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static void assertEnd(IntervalRow row, Instant end, String source) {
        assertThat(row.end()).as("end of %s", row.pod()).isEqualTo(end);
        assertThat(row.endSource()).as("end source of %s", row.pod()).isEqualTo(source);
    }

    /** Seconds from the pod's start to {@code end}, to the microsecond (PostgreSQL's resolution). */
    private static BigDecimal seconds(Pod pod, Instant end) {
        Duration d = Duration.between(KwokPods.startTime(pod), end);
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano() / 1_000, 6));
    }

    private static IntervalRow awaitRow(Pod pod, Predicate<IntervalRow> condition, GatewayProcess gateway) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .failFast("the gateway process died:\n" + gateway.log(), () -> !gateway.isAlive())
                .until(() -> row(pod), row -> row.isPresent() && condition.test(row.get())).orElseThrow();
    }

    private static Optional<IntervalRow> row(Pod pod) throws SQLException {
        try (Connection connection = connect()) {
            List<IntervalRow> rows = IntervalRow.of(connection, pod.getMetadata().getUid());
            assertThat(rows.size()).as("intervals of %s", pod.getMetadata().getName()).isLessThanOrEqualTo(1);
            return rows.stream().findFirst();
        }
    }

    private static void awaitSchema(GatewayProcess gateway) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .failFast("the gateway process died:\n" + gateway.log(), () -> !gateway.isAlive())
                .until(() -> {
                    try (Connection connection = connect(); ResultSet columns = connection.getMetaData()
                            .getColumns(null, "public", "usage_interval", "pod_uid")) {
                        return columns.next();
                    } catch (SQLException e) {
                        return false;
                    }
                });
    }

    /** Group, user and the admitted cluster "demo", as admission would have left them. */
    private static void seedClusterDemo() throws SQLException {
        try (Connection connection = connect()) {
            execute(connection, "INSERT INTO app_user (username) VALUES ('alice')");
            execute(connection, "INSERT INTO tenant_group (name, namespace) VALUES ('restart', '" + namespace + "')");
            execute(connection, "INSERT INTO membership (user_id, group_id) SELECT u.id, g.id FROM app_user u, "
                    + "tenant_group g WHERE u.username = 'alice' AND g.name = 'restart'");
            execute(connection, "INSERT INTO cluster (namespace, name, owner_id, group_id, reserved_cores_millis, "
                    + "reserved_memory_bytes, reserved_gpus, reserved_workers) SELECT g.namespace, 'demo', u.id, g.id, "
                    + "16000, " + 32 * GI + ", 1, 4 FROM app_user u, tenant_group g "
                    + "WHERE u.username = 'alice' AND g.name = 'restart'");
        }
    }

    private static BigDecimal meteredMillicoreSeconds() throws SQLException {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT SUM(cores_millis * EXTRACT(EPOCH FROM ended_at - started_at)) FROM usage_interval");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getBigDecimal(1);
        }
    }

    private static long intervalsOfDemo() throws SQLException {
        return single("SELECT COUNT(*) FROM usage_interval i JOIN cluster c ON c.id = i.cluster_id WHERE c.name = 'demo'");
    }

    private static long single(String sql) throws SQLException {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, "");
    }
}

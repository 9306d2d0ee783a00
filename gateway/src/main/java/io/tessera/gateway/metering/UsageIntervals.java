package io.tessera.gateway.metering;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The usage_interval writes of metering, each one idempotent SQL statement keyed by the pod's
 * UID, so that any number of replays, resyncs and gateway replicas converge on the same rows.
 * Plain JDBC: the statements are PostgreSQL upserts with typed NULLs, which JPQL cannot say.
 */
@ApplicationScoped
@Transactional
public class UsageIntervals {

    /** What {@link #record} did with a pod. */
    public enum Outcome {
        /** A row was inserted, closed, corrected or reopened. */
        CHANGED,
        /** The row already said this (a replay or a resync). */
        UNCHANGED,
        /** No admitted cluster has the pod's namespace/name: not ours to meter. */
        UNKNOWN_CLUSTER
    }

    /**
     * The admitted cluster the pod belongs to: the live row, or a deleted one that was still live
     * when the pod started (a pod outliving its cluster's release). Among several, the one whose
     * lifetime contains the pod's start wins, so a recreated name never takes an older pod's usage.
     * Pod times have whole seconds, so the admission time is compared at that precision too (a pod
     * starting in its cluster's admission second belongs to it; ties go to the newest cluster).
     */
    private static final String CLUSTER = """
            SELECT id, owner_id, group_id FROM cluster
            WHERE namespace = ? AND name = ? AND (state = 'ACTIVE' OR deleted_at >= ?)
            ORDER BY (date_trunc('second', created_at) <= ? AND (deleted_at IS NULL OR deleted_at >= ?)) DESC, id DESC
            LIMIT 1""";

    /**
     * A pod that reuses the name of an earlier pod (the scheduler pod is recreated under the same
     * name) proves the earlier one gone: close it by estimate, at the latest when the new one started.
     * An estimate already written by the vanished-pod sweep is pulled back too, so the end does not
     * depend on which of the two ran first.
     */
    private static final String CLOSE_PREDECESSOR = """
            UPDATE usage_interval
            SET ended_at = GREATEST(started_at, LEAST(COALESCE(last_seen_at, started_at), ?)), end_source = 'LAST_SEEN'
            WHERE cluster_id = ? AND pod = ? AND pod_uid IS DISTINCT FROM ?
              AND (ended_at IS NULL OR end_source = 'LAST_SEEN' AND ended_at > GREATEST(started_at, ?))""";

    /**
     * Insert the pod's interval, or bring the row up to date: a pod timestamp end is final; an
     * estimated end is replaced by the pod's real end, or undone when the pod is seen running.
     * The last condition makes replays write nothing.
     */
    private static final String UPSERT = """
            INSERT INTO usage_interval (cluster_id, user_id, group_id, pod, pod_uid, started_at, ended_at, end_source,
                                        last_seen_at, cores_millis, memory_bytes, gpus)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (pod_uid) WHERE pod_uid IS NOT NULL DO UPDATE
            SET ended_at = EXCLUDED.ended_at, end_source = EXCLUDED.end_source,
                last_seen_at = GREATEST(usage_interval.last_seen_at, EXCLUDED.last_seen_at)
            WHERE usage_interval.end_source IS DISTINCT FROM 'POD'
              AND usage_interval.ended_at IS DISTINCT FROM EXCLUDED.ended_at""";

    private static final String HEARTBEAT = """
            UPDATE usage_interval SET last_seen_at = ? WHERE ended_at IS NULL AND pod_uid = ANY (?)""";

    /**
     * Open intervals whose pod no longer exists, closed at the last moment a gateway saw the pod.
     * The grace keeps a replica whose cache lags behind from closing a pod another replica has
     * just recorded; such a mistake would be undone anyway when the pod is next seen running.
     */
    private static final String CLOSE_GONE = """
            UPDATE usage_interval
            SET ended_at = GREATEST(started_at, COALESCE(last_seen_at, started_at)), end_source = 'LAST_SEEN'
            WHERE ended_at IS NULL AND pod_uid IS NOT NULL AND NOT (pod_uid = ANY (?))
              AND (last_seen_at IS NULL OR last_seen_at < ?)""";

    @Inject
    DataSource dataSource;

    /** Records one observation of a pod; {@code now} only feeds the last-seen heartbeat. */
    public Outcome record(PodUsage usage, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<long[]> cluster = cluster(connection, usage);
            if (cluster.isEmpty()) {
                return Outcome.UNKNOWN_CLUSTER;
            }
            long clusterId = cluster.get()[0];
            if (usage.running()) {
                try (PreparedStatement close = connection.prepareStatement(CLOSE_PREDECESSOR)) {
                    OffsetDateTime successorStart = utc(usage.start());
                    close.setObject(1, successorStart);
                    close.setLong(2, clusterId);
                    close.setString(3, usage.pod());
                    close.setString(4, usage.uid());
                    close.setObject(5, successorStart);
                    close.executeUpdate();
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setLong(1, clusterId);
                upsert.setLong(2, cluster.get()[1]);
                upsert.setLong(3, cluster.get()[2]);
                upsert.setString(4, usage.pod());
                upsert.setString(5, usage.uid());
                upsert.setObject(6, utc(usage.start()));
                if (usage.end().isPresent()) {
                    upsert.setObject(7, utc(usage.end().get()));
                    upsert.setString(8, "POD");
                } else {
                    upsert.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
                    upsert.setNull(8, Types.VARCHAR);
                }
                upsert.setObject(9, utc(now));
                upsert.setLong(10, usage.resources().millicores());
                upsert.setLong(11, usage.resources().memoryBytes());
                upsert.setLong(12, usage.resources().gpus());
                return upsert.executeUpdate() > 0 ? Outcome.CHANGED : Outcome.UNCHANGED;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record usage of pod " + usage.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Marks the open intervals of these (running, visible) pods as seen now: one statement. */
    public int heartbeat(Collection<String> runningUids, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(HEARTBEAT)) {
            update.setObject(1, utc(now));
            update.setArray(2, connection.createArrayOf("text", runningUids.toArray()));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the metering heartbeat: " + e.getMessage(), e);
        }
    }

    /**
     * Closes open intervals of pods that are not among {@code visibleUids} and were last seen
     * before {@code seenBefore}; returns how many.
     */
    public int closeGone(Collection<String> visibleUids, Instant seenBefore) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(CLOSE_GONE)) {
            update.setArray(1, connection.createArrayOf("text", visibleUids.toArray()));
            update.setObject(2, utc(seenBefore));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the intervals of vanished pods: " + e.getMessage(), e);
        }
    }

    private static Optional<long[]> cluster(Connection connection, PodUsage usage) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CLUSTER)) {
            OffsetDateTime start = utc(usage.start());
            select.setString(1, usage.namespace());
            select.setString(2, usage.cluster());
            select.setObject(3, start);
            select.setObject(4, start);
            select.setObject(5, start);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new long[] {row.getLong(1), row.getLong(2), row.getLong(3)})
                        : Optional.empty();
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package io.tessera.gateway.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** A usage_interval row as tests read it back, straight from the database. */
public record IntervalRow(String podUid, String pod, long clusterId, String user, String group, Instant start,
                          Instant end, String endSource, Instant lastSeen, long millicores, long memoryBytes,
                          long gpus) {

    private static final String SELECT = """
            SELECT i.pod_uid, i.pod, i.cluster_id, u.username, g.name, i.started_at, i.ended_at, i.end_source,
                   i.last_seen_at, i.cores_millis, i.memory_bytes, i.gpus
            FROM usage_interval i JOIN app_user u ON u.id = i.user_id JOIN tenant_group g ON g.id = i.group_id
            WHERE i.pod_uid = ?""";

    /** The pod's rows; more than one would be a double count. */
    public static List<IntervalRow> of(Connection connection, String podUid) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, podUid);
            List<IntervalRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new IntervalRow(row.getString(1), row.getString(2), row.getLong(3), row.getString(4),
                            row.getString(5), instant(row, 6), instant(row, 7), row.getString(8), instant(row, 9),
                            row.getLong(10), row.getLong(11), row.getLong(12)));
                }
            }
            return rows;
        }
    }

    /** The pod's only row, if any. */
    public static Optional<IntervalRow> one(DataSource dataSource, String podUid) {
        try (Connection connection = dataSource.getConnection()) {
            List<IntervalRow> rows = of(connection, podUid);
            if (rows.size() > 1) {
                throw new AssertionError("pod " + podUid + " has " + rows.size() + " intervals: " + rows);
            }
            return rows.stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean open() {
        return end == null;
    }

    /** Millicores x seconds of a closed interval. */
    public long millicoreSeconds() {
        return millicores * Duration.between(start, end).toSeconds();
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

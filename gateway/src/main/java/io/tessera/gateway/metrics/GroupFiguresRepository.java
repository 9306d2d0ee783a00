package io.tessera.gateway.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** Every group's reservations, quota and metered core-seconds in one query. */
@ApplicationScoped
public class GroupFiguresRepository {

    private static final String FIGURES = """
            SELECT g.name,
                   COALESCE(r.cores, 0), COALESCE(r.memory, 0), COALESCE(r.gpus, 0),
                   q.cores_millis, q.memory_bytes, q.gpus,
                   COALESCE(m.core_millis_seconds, 0) / 1000.0
            FROM tenant_group g
            LEFT JOIN group_quota q ON q.group_id = g.id
            LEFT JOIN (SELECT group_id, SUM(reserved_cores_millis) AS cores, SUM(reserved_memory_bytes) AS memory,
                              SUM(reserved_gpus) AS gpus
                       FROM cluster WHERE state = 'ACTIVE' GROUP BY group_id) r ON r.group_id = g.id
            LEFT JOIN (SELECT group_id,
                              SUM(cores_millis * EXTRACT(EPOCH FROM GREATEST(COALESCE(ended_at, ?) - started_at,
                                                                            INTERVAL '0'))) AS core_millis_seconds
                       FROM usage_interval GROUP BY group_id) m ON m.group_id = g.id
            ORDER BY g.name""";

    @Inject
    DataSource dataSource;

    public List<GroupFigures> all(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(FIGURES)) {
            select.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            List<GroupFigures> figures = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    figures.add(new GroupFigures(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4),
                            optional(row, 5), optional(row, 6), optional(row, 7), row.getDouble(8)));
                }
            }
            return figures;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read group figures for metrics: " + e.getMessage(), e);
        }
    }

    private static OptionalLong optional(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}

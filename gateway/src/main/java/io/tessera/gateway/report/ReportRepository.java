package io.tessera.gateway.report;

import io.tessera.gateway.quota.Budget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The reads behind usage reports: intervals overlapping a month, and groups with their budgets. */
@ApplicationScoped
public class ReportRepository {

    private static final String INTERVALS = """
            SELECT g.name, u.username, i.started_at, i.ended_at, i.cores_millis, i.memory_bytes, i.gpus
            FROM usage_interval i
            JOIN tenant_group g ON g.id = i.group_id
            JOIN app_user u ON u.id = i.user_id
            WHERE i.started_at < ? AND (i.ended_at IS NULL OR i.ended_at > ?)
              AND (CAST(? AS TEXT) IS NULL OR g.name = ?) AND (CAST(? AS TEXT) IS NULL OR u.username = ?)""";

    private static final String BUDGETS = """
            SELECT g.name, b.core_hours_per_month, b.gpu_hours_per_month
            FROM tenant_group g LEFT JOIN group_budget b ON b.group_id = g.id
            WHERE CAST(? AS TEXT) IS NULL OR g.name = ?
            ORDER BY g.name""";

    private static final String USER_EXISTS = "SELECT 1 FROM app_user WHERE username = ?";

    @Inject
    DataSource dataSource;

    /** Intervals that overlap the month, optionally of one group and/or one user. */
    public List<MeteredInterval> overlapping(YearMonth month, Optional<String> group, Optional<String> user) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(INTERVALS)) {
            select.setObject(1, OffsetDateTime.ofInstant(MonthlyUsage.end(month), ZoneOffset.UTC));
            select.setObject(2, OffsetDateTime.ofInstant(MonthlyUsage.start(month), ZoneOffset.UTC));
            select.setString(3, group.orElse(null));
            select.setString(4, group.orElse(null));
            select.setString(5, user.orElse(null));
            select.setString(6, user.orElse(null));
            List<MeteredInterval> intervals = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    intervals.add(new MeteredInterval(row.getString(1), row.getString(2),
                            row.getObject(3, OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(row.getObject(4, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                            row.getLong(5), row.getLong(6), row.getLong(7)));
                }
            }
            return intervals;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read usage intervals: " + e.getMessage(), e);
        }
    }

    /** Every group (or the one named) with its budget, by name; unknown names give an empty map. */
    public Map<String, Budget> budgets(Optional<String> group) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(BUDGETS)) {
            select.setString(1, group.orElse(null));
            select.setString(2, group.orElse(null));
            Map<String, Budget> budgets = new LinkedHashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    budgets.put(row.getString(1), new Budget(row.getObject(2, BigDecimal.class),
                            row.getObject(3, BigDecimal.class)));
                }
            }
            return budgets;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read group budgets: " + e.getMessage(), e);
        }
    }

    public boolean userExists(String username) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(USER_EXISTS)) {
            select.setString(1, username);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users: " + e.getMessage(), e);
        }
    }
}

package io.tessera.gateway.admission;

import io.tessera.gateway.quota.MonthUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Metered usage summed over a calendar month (UTC), clipped to the month and to now. */
@ApplicationScoped
public class UsageRepository {

    // Open intervals count up to now; intervals crossing the month's edges count only inside it.
    private static final String MONTH_SECONDS = """
            SELECT COALESCE(SUM(cores_millis * secs), 0), COALESCE(SUM(gpus * secs), 0) FROM (
              SELECT cores_millis, gpus, GREATEST(0, EXTRACT(EPOCH FROM
                       LEAST(COALESCE(ended_at, :now), :end) - GREATEST(started_at, :start))) AS secs
              FROM usage_interval
              WHERE group_id = :group AND started_at < :end AND (ended_at IS NULL OR ended_at > :start)
            ) AS clipped""";

    @Inject
    EntityManager em;

    public MonthUsage ofGroup(long groupId, YearMonth month, Instant now) {
        Object[] row = (Object[]) em.createNativeQuery(MONTH_SECONDS)
                .setParameter("group", groupId)
                .setParameter("start", month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .setParameter("end", month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .getSingleResult();
        return new MonthUsage(hours(row[0], 3_600_000), hours(row[1], 3_600));
    }

    private static BigDecimal hours(Object unitSeconds, long perHour) {
        return new BigDecimal(unitSeconds.toString()).divide(BigDecimal.valueOf(perHour), 3, RoundingMode.HALF_UP);
    }
}

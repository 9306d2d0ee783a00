package io.tessera.gateway.report;

import io.tessera.gateway.quota.Budget;
import io.tessera.gateway.rest.ApiException;
import io.tessera.gateway.rest.BudgetBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the monthly usage reports; the arithmetic is {@link MonthlyUsage}'s. */
@ApplicationScoped
public class ReportService {

    @Inject
    ReportRepository repository;

    @Inject
    Clock clock;

    public UsageReports.Group group(String group, YearMonth month) {
        Budget budget = Optional.ofNullable(repository.budgets(Optional.of(group)).get(group))
                .orElseThrow(() -> ApiException.notFound("group " + group + " not found"));
        Instant now = clock.instant();
        List<MeteredInterval> intervals = repository.overlapping(month, Optional.of(group), Optional.empty());
        List<UsageReports.UserRow> users = MonthlyUsage.byKey(intervals, month, now, MeteredInterval::user)
                .entrySet().stream().map(e -> UsageReports.UserRow.of(e.getKey(), e.getValue())).toList();
        return new UsageReports.Group(group, month.toString(), from(month), to(month), now.toString(),
                MonthlyUsage.total(intervals, month, now), BudgetBody.of(budget), users);
    }

    public UsageReports.User user(String username, YearMonth month) {
        if (!repository.userExists(username)) {
            throw ApiException.notFound("user " + username + " not found");
        }
        Instant now = clock.instant();
        List<MeteredInterval> intervals = repository.overlapping(month, Optional.empty(), Optional.of(username));
        List<UsageReports.GroupRow> groups = MonthlyUsage.byKey(intervals, month, now, MeteredInterval::group)
                .entrySet().stream().map(e -> UsageReports.GroupRow.of(e.getKey(), e.getValue())).toList();
        return new UsageReports.User(username, month.toString(), from(month), to(month), now.toString(),
                MonthlyUsage.total(intervals, month, now), groups);
    }

    /** Every group, including those without usage, with its budget. */
    public UsageReports.Platform platform(YearMonth month) {
        Instant now = clock.instant();
        List<MeteredInterval> intervals = repository.overlapping(month, Optional.empty(), Optional.empty());
        Map<String, UsageTotals> used = MonthlyUsage.byKey(intervals, month, now, MeteredInterval::group);
        UsageTotals none = MonthlyUsage.total(List.of(), month, now);
        List<UsageReports.BudgetRow> groups = repository.budgets(Optional.empty()).entrySet().stream().map(e -> {
            UsageTotals totals = used.getOrDefault(e.getKey(), none);
            return new UsageReports.BudgetRow(e.getKey(), totals.coreHours(), totals.memoryGibHours(),
                    totals.gpuHours(), e.getValue().coreHours(), e.getValue().gpuHours());
        }).toList();
        return new UsageReports.Platform(month.toString(), from(month), to(month), now.toString(),
                MonthlyUsage.total(intervals, month, now), groups);
    }

    /** The current month (UTC) by the gateway's clock: the default of every report. */
    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(java.time.ZoneOffset.UTC));
    }

    private static String from(YearMonth month) {
        return MonthlyUsage.start(month).toString();
    }

    private static String to(YearMonth month) {
        return MonthlyUsage.end(month).toString();
    }
}

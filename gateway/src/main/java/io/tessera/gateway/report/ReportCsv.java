package io.tessera.gateway.report;

import java.util.ArrayList;
import java.util.List;

/** The CSV form of each report: one row per user, group or (platform) group with its budget. */
public final class ReportCsv {

    private ReportCsv() {
    }

    public static String of(UsageReports.Group report) {
        List<List<Object>> rows = new ArrayList<>();
        report.users().forEach(u -> rows.add(List.of(report.month(), report.group(), u.user(), u.coreHours(),
                u.memoryGibHours(), u.gpuHours())));
        return Csv.of(List.of("month", "group", "user", "core_hours", "memory_gib_hours", "gpu_hours"), rows);
    }

    public static String of(UsageReports.User report) {
        List<List<Object>> rows = new ArrayList<>();
        report.groups().forEach(g -> rows.add(List.of(report.month(), report.user(), g.group(), g.coreHours(),
                g.memoryGibHours(), g.gpuHours())));
        return Csv.of(List.of("month", "user", "group", "core_hours", "memory_gib_hours", "gpu_hours"), rows);
    }

    public static String of(UsageReports.Platform report) {
        List<List<Object>> rows = new ArrayList<>();
        report.groups().forEach(g -> {
            List<Object> row = new ArrayList<>(List.of(report.month(), g.group(), g.coreHours(), g.memoryGibHours(),
                    g.gpuHours()));
            // Budgets may be null (unlimited), which List.of refuses.
            row.add(g.coreHoursBudget());
            row.add(g.gpuHoursBudget());
            rows.add(row);
        });
        return Csv.of(List.of("month", "group", "core_hours", "memory_gib_hours", "gpu_hours", "core_hours_budget",
                "gpu_hours_budget"), rows);
    }
}

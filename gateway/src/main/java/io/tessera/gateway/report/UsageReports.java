package io.tessera.gateway.report;

import io.tessera.gateway.rest.BudgetBody;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies of the usage reports. Times are ISO-8601 UTC; the month is {@code [from, to)}. */
public final class UsageReports {

    private UsageReports() {
    }

    @Schema(description = "A group's usage in one month, per user")
    public record Group(String group, @Schema(example = "2026-11") String month, String from, String to,
                        @Schema(description = "open intervals count up to this time") String asOf,
                        UsageTotals used, BudgetBody budget, List<UserRow> users) {
    }

    @Schema(description = "One user's usage inside a group in the month")
    public record UserRow(String user, BigDecimal coreHours, BigDecimal memoryGibHours, BigDecimal gpuHours) {

        static UserRow of(String user, UsageTotals totals) {
            return new UserRow(user, totals.coreHours(), totals.memoryGibHours(), totals.gpuHours());
        }
    }

    @Schema(description = "A user's usage in one month, per group")
    public record User(String user, String month, String from, String to, String asOf, UsageTotals used,
                       List<GroupRow> groups) {
    }

    @Schema(description = "A user's usage in one group in the month")
    public record GroupRow(String group, BigDecimal coreHours, BigDecimal memoryGibHours, BigDecimal gpuHours) {

        static GroupRow of(String group, UsageTotals totals) {
            return new GroupRow(group, totals.coreHours(), totals.memoryGibHours(), totals.gpuHours());
        }
    }

    @Schema(description = "Every group's usage and budget in one month")
    public record Platform(String month, String from, String to, String asOf, UsageTotals used,
                           List<BudgetRow> groups) {
    }

    @Schema(description = "One group's usage and budget in the month; a null budget means unlimited")
    public record BudgetRow(String group, BigDecimal coreHours, BigDecimal memoryGibHours, BigDecimal gpuHours,
                            BigDecimal coreHoursBudget, BigDecimal gpuHoursBudget) {
    }
}

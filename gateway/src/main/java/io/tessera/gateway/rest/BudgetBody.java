package io.tessera.gateway.rest;

import io.tessera.gateway.quota.Budget;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A monthly budget (calendar month, UTC); an absent field means no budget for that resource. */
public record BudgetBody(
        @Schema(description = "core-hours per month", example = "10000") BigDecimal coreHoursPerMonth,
        @Schema(description = "GPU-hours per month", example = "500") BigDecimal gpuHoursPerMonth) {

    public Budget toBudget() {
        return new Budget(Checks.hours("coreHoursPerMonth", coreHoursPerMonth),
                Checks.hours("gpuHoursPerMonth", gpuHoursPerMonth));
    }

    public static BudgetBody of(Budget budget) {
        return new BudgetBody(budget.coreHours(), budget.gpuHours());
    }
}

package io.tessera.gateway.quota;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Admits a change unless it adds cores (or GPUs) while the group's monthly core-hour (GPU-hour)
 * budget is already used up. Only the hours used so far count, not a projection of what the new
 * reservation might use: a running cluster is never cut short, and a budget stops new growth.
 */
public final class BudgetCheck {

    private BudgetCheck() {
    }

    public static Decision check(String label, Budget budget, MonthUsage used, Resources delta) {
        Optional<String> exhausted = delta.millicores() > 0
                ? exhausted("core-hours", budget.coreHours(), used.coreHours()) : Optional.empty();
        if (exhausted.isEmpty() && delta.gpus() > 0) {
            exhausted = exhausted("GPU-hours", budget.gpuHours(), used.gpuHours());
        }
        return exhausted.<Decision>map(why -> new Decision.Reject(label + ": " + why)).orElse(Decision.ADMIT);
    }

    private static Optional<String> exhausted(String name, BigDecimal budget, BigDecimal used) {
        if (budget == null || used.compareTo(budget) < 0) {
            return Optional.empty();
        }
        return Optional.of("monthly " + name + " budget used up, " + hours(used) + " of "
                + hours(budget) + " used this month");
    }

    private static String hours(BigDecimal hours) {
        return hours.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}

package io.tessera.gateway.rest;

import io.tessera.gateway.admission.GroupUsage;
import io.tessera.gateway.quota.Amounts;
import io.tessera.gateway.quota.Resources;
import java.math.BigDecimal;

/** A group's quota, reservations, headroom (null = unlimited) and budget status. */
public record UsageBody(String group, LimitsBody quota, Reserved reserved, LimitsBody headroom,
                        BudgetBody budget, BigDecimal coreHoursUsedThisMonth, BigDecimal gpuHoursUsedThisMonth) {

    /** What live clusters reserve together. */
    public record Reserved(BigDecimal cores, long memoryBytes, long gpus, long workers, long clusters) {
    }

    public static UsageBody of(GroupUsage usage) {
        Resources r = usage.reserved();
        return new UsageBody(usage.group().name, LimitsBody.of(usage.quota()),
                new Reserved(new BigDecimal(Amounts.cores(r.millicores())), r.memoryBytes(), r.gpus(), r.workers(),
                        usage.clusters()),
                LimitsBody.of(usage.headroom()), BudgetBody.of(usage.budget()),
                usage.usedThisMonth().coreHours(), usage.usedThisMonth().gpuHours());
    }
}

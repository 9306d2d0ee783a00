package io.tessera.gateway.quota;

import java.math.BigDecimal;

/** Core-hours and GPU-hours a group has used in the current calendar month (UTC). */
public record MonthUsage(BigDecimal coreHours, BigDecimal gpuHours) {

    public static final MonthUsage NONE = new MonthUsage(BigDecimal.ZERO, BigDecimal.ZERO);
}

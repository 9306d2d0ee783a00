package io.tessera.gateway.quota;

import java.math.BigDecimal;

/** A group's monthly budget in hours; a null component means no budget for that resource. */
public record Budget(BigDecimal coreHours, BigDecimal gpuHours) {

    public static final Budget UNLIMITED = new Budget(null, null);
}

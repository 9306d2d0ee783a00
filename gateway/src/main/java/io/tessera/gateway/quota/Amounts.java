package io.tessera.gateway.quota;

import java.math.BigDecimal;

/** Human forms of exact amounts for messages: cores as decimals, memory in binary units. */
public final class Amounts {

    private static final String[] UNITS = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};

    private Amounts() {
    }

    public static String cores(long millicores) {
        return BigDecimal.valueOf(millicores, 3).stripTrailingZeros().toPlainString();
    }

    /** The largest binary unit that divides the amount exactly (Kubernetes' own spelling). */
    public static String memory(long bytes) {
        for (int i = 0; i < UNITS.length; i++) {
            long unit = 1L << (10 * (UNITS.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + UNITS[i];
            }
        }
        return Long.toString(bytes);
    }
}

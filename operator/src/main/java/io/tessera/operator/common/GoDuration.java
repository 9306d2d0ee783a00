package io.tessera.operator.common;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the Go-style durations the CRDs accept ({@code 90s}, {@code 5m}, {@code 1h30m},
 * {@code 1.5s}, {@code 250ms}): the same grammar as the schema pattern and CEL's
 * {@code duration()}, so a value the API server accepted always parses here.
 */
public final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("([0-9]+(\\.[0-9]+)?(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * @throws IllegalArgumentException naming the value when it is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (expected e.g. 30s, 5m, 1h30m)");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** {@link #parse} for optional fields: {@code fallback} when the field is unset. */
    public static Duration parseOr(String text, Duration fallback) {
        return text == null ? fallback : parse(text);
    }
}

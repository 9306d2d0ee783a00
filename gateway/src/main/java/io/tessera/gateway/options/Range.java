package io.tessera.gateway.options;

/** Inclusive bounds and a default for one numeric option, in exact units (millicores, bytes, counts, seconds). */
public record Range(long min, long max, long defaultValue) {

    /** Checks the invariant min <= default <= max, naming the option in the message. */
    public Range checked(String option) {
        if (min < 0 || min > defaultValue || defaultValue > max) {
            throw new IllegalArgumentException(option + " needs 0 <= min <= default <= max, got min " + min
                    + ", default " + defaultValue + ", max " + max);
        }
        return this;
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }
}

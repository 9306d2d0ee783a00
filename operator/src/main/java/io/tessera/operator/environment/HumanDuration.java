package io.tessera.operator.environment;

import java.time.Duration;

/** Durations for people, in the largest two units: "14 s", "2 min 5 s", "1 h 3 min". */
public final class HumanDuration {

    private HumanDuration() {
    }

    public static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return unit(seconds / 60, "min", seconds % 60, "s");
        }
        return unit(seconds / 3600, "h", seconds % 3600 / 60, "min");
    }

    private static String unit(long big, String bigUnit, long small, String smallUnit) {
        return big + " " + bigUnit + (small == 0 ? "" : " " + small + " " + smallUnit);
    }
}

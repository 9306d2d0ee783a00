package io.tessera.operator.scheduledjob.schedule;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves {@code spec.timeZone} the way Kubernetes validates and loads CronJob time zones (Go's
 * {@code time.LoadLocation} over the IANA database): region names and links such as
 * {@code Europe/Berlin}, {@code US/Eastern}, {@code Etc/GMT+2}, {@code UTC}; not {@code Local},
 * and none of java.time's offset forms ({@code +02:00}, {@code GMT+2}, {@code Z}) that Go does not
 * know.
 */
public final class TimeZones {

    private TimeZones() {
    }

    /**
     * @param timeZone {@code spec.timeZone}; empty means the operator's own zone, as an unset
     *        CronJob time zone means kube-controller-manager's local zone
     * @throws InvalidScheduleException with reason {@code UnknownTimeZone}
     */
    public static ZoneId resolve(Optional<String> timeZone, ZoneId operatorZone) {
        if (timeZone.isEmpty()) {
            return operatorZone;
        }
        String name = timeZone.get();
        if (name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (name.toLowerCase(Locale.ROOT).equals("local") || !ZoneId.getAvailableZoneIds().contains(name)) {
            throw new InvalidScheduleException(InvalidScheduleException.UNKNOWN_TIME_ZONE,
                    "unknown time zone '" + name + "': use an IANA name such as Europe/Berlin or America/New_York");
        }
        return ZoneId.of(name);
    }
}

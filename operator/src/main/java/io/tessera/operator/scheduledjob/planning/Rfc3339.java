package io.tessera.operator.scheduledjob.planning;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** RFC 3339 timestamps as Kubernetes writes them in status and annotations. */
final class Rfc3339 {

    /** Go's time.RFC3339: seconds always present, "Z" for UTC. */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private Rfc3339() {
    }

    /** Empty for an unset or unreadable value: a hand-edited status must not stop scheduling. */
    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whole seconds with the zone's offset, as CronJob writes its scheduled-timestamp annotation. */
    static String format(Instant instant, ZoneId zone) {
        return FORMAT.format(OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone));
    }
}

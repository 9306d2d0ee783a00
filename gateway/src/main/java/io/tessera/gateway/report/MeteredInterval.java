package io.tessera.gateway.report;

import java.time.Instant;
import java.util.Optional;

/**
 * One metered usage interval as reports see it.
 *
 * @param end empty while the pod still runs
 */
public record MeteredInterval(String group, String user, Instant start, Optional<Instant> end, long millicores,
                              long memoryBytes, long gpus) {
}

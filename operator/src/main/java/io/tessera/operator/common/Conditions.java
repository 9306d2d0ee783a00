package io.tessera.operator.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.tessera.api.v1alpha1.common.Condition;

/**
 * Kubernetes condition bookkeeping: {@code lastTransitionTime} moves only when the status flips,
 * so that an unchanged condition produces an unchanged status (and no status patch).
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * The conditions with {@code type} set to the given status, reason and message. Other
     * conditions keep their place; a new type is appended.
     */
    public static List<Condition> set(List<Condition> current, String type, boolean status, String reason,
            String message, long generation, Clock clock) {
        String statusText = status ? Condition.TRUE : Condition.FALSE;
        List<Condition> result = new ArrayList<>();
        boolean found = false;
        for (Condition existing : Optional.ofNullable(current).orElse(List.of())) {
            if (existing.getType().equals(type)) {
                found = true;
                String since = statusText.equals(existing.getStatus()) ? existing.getLastTransitionTime() : now(clock);
                result.add(new Condition(type, statusText, reason, message, since, generation));
            } else {
                result.add(existing);
            }
        }
        if (!found) {
            result.add(new Condition(type, statusText, reason, message, now(clock), generation));
        }
        return result;
    }

    /** The conditions without {@code type} (a condition that no longer applies, such as EnvironmentReady). */
    public static List<Condition> remove(List<Condition> current, String type) {
        if (current == null) {
            return null;
        }
        return current.stream().filter(c -> !Objects.equals(c.getType(), type)).toList();
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return Optional.ofNullable(conditions).orElse(List.of()).stream()
                .filter(c -> Objects.equals(c.getType(), type)).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> Condition.TRUE.equals(c.getStatus())).orElse(false);
    }

    /** RFC 3339 in whole seconds, as Kubernetes writes metav1.Time. */
    public static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

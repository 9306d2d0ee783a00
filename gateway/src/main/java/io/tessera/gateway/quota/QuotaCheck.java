package io.tessera.gateway.quota;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Decides whether a reservation change fits every scope it counts against (the group's quota,
 * then the member's cap). Only growing components are checked, so a scale-down is always
 * admitted, even when a lowered quota is already exceeded: shrinking must never be blocked.
 */
public final class QuotaCheck {

    /** One summed resource: how to read it from an amount and a limit, and how to print it. */
    private record Dimension(String name, ToLongFunction<Resources> amount,
                             Function<Limits, Long> limit, LongFunction<String> format) {
    }

    private static final List<Dimension> SUMMED = List.of(
            new Dimension("cores", Resources::millicores, Limits::millicores, Amounts::cores),
            new Dimension("memory", Resources::memoryBytes, Limits::memoryBytes, Amounts::memory),
            new Dimension("GPUs", Resources::gpus, Limits::gpus, Long::toString));

    private QuotaCheck() {
    }

    public static Decision check(ChangeRequest request, List<Scope> scopes) {
        for (Scope scope : scopes) {
            Optional<String> exceeded = firstExceeded(request, scope);
            if (exceeded.isPresent()) {
                return new Decision.Reject(scope.label() + ": " + exceeded.get());
            }
        }
        return Decision.ADMIT;
    }

    private static Optional<String> firstExceeded(ChangeRequest request, Scope scope) {
        Limits limits = scope.limits();
        if (request.create() && limits.clusters() != null) {
            long left = limits.clusters() - scope.clusters();
            if (left < 1) {
                return Optional.of(headroom("clusters 1", Math.max(0, left), Long.toString(limits.clusters())));
            }
        }
        Resources delta = request.delta();
        long workers = request.target().workers();
        if (delta.workers() > 0 && limits.workersPerCluster() != null && workers > limits.workersPerCluster()) {
            return Optional.of("workers per cluster " + workers + " requested, at most "
                    + limits.workersPerCluster() + " allowed");
        }
        for (Dimension d : SUMMED) {
            long wanted = d.amount().applyAsLong(delta);
            Long limit = d.limit().apply(limits);
            if (wanted <= 0 || limit == null) {
                continue;
            }
            long left = Math.max(0, Math.subtractExact(limit, d.amount().applyAsLong(scope.reserved())));
            if (wanted > left) {
                return Optional.of(headroom(d.name() + " " + d.format().apply(wanted),
                        left, d.format().apply(limit), d.format()));
            }
        }
        return Optional.empty();
    }

    private static String headroom(String requested, long left, String limit) {
        return headroom(requested, left, limit, Long::toString);
    }

    private static String headroom(String requested, long left, String limit, LongFunction<String> format) {
        return requested + " requested, " + format.apply(left) + " of " + limit + " left";
    }
}

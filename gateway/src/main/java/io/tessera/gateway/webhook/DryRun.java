package io.tessera.gateway.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.Supplier;

/**
 * Runs an admission decision exactly as for real, in its own transaction that is always rolled
 * back: a dry run (kubectl --dry-run=server, request.dryRun) gets the real answer and reserves
 * nothing, as the webhook's sideEffects: NoneOnDryRun promises.
 */
public final class DryRun {

    private DryRun() {
    }

    public static <T> T check(Supplier<T> decision) {
        // Webhook threads run no transaction of their own, so this one is new; the admission joins it.
        QuarkusTransaction.begin();
        try {
            return decision.get();
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /** {@code decision} for real, or as a {@link #check} when {@code dryRun}. */
    public static <T> T maybe(boolean dryRun, Supplier<T> decision) {
        return dryRun ? check(decision) : decision.get();
    }
}

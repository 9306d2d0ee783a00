package io.tessera.gateway.quota;

/**
 * A cluster's reservation changing from {@code current} to {@code target} (both the cluster's
 * whole footprint). A create starts from {@link Resources#ZERO} and also takes one cluster slot.
 */
public record ChangeRequest(boolean create, Resources current, Resources target) {

    public ChangeRequest {
        if (!current.isNonNegative() || !target.isNonNegative()) {
            throw new IllegalArgumentException("a reservation cannot be negative");
        }
    }

    public static ChangeRequest create(Resources footprint) {
        return new ChangeRequest(true, Resources.ZERO, footprint);
    }

    public static ChangeRequest scale(Resources current, Resources target) {
        return new ChangeRequest(false, current, target);
    }

    public Resources delta() {
        return target.minus(current);
    }
}

package io.tessera.gateway.admission;

/**
 * Fired (CDI event, observed after commit) when a release or a scale-down frees quota in the
 * group whose namespace is {@code namespace}: the ArrayJob queue then admits what now fits.
 */
public record HeadroomFreed(String namespace) {
}

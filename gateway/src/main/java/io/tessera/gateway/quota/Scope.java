package io.tessera.gateway.quota;

/**
 * One place quota is counted: {@code label} names it in messages ("group physics",
 * "user alice in group physics"); {@code reserved} and {@code clusters} are what all its live
 * clusters hold now, the changed cluster's current reservation included (the change is a delta).
 */
public record Scope(String label, Limits limits, Resources reserved, long clusters) {
}

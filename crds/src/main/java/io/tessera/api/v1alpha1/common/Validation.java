package io.tessera.api.v1alpha1.common;

/**
 * Patterns and CEL rules shared by several fields. Annotation values must be compile-time
 * constants, so the rules live here rather than in a reusable annotation.
 */
public final class Validation {

    /** Go-style duration as understood by CEL's {@code duration()}: 90s, 5m, 1h30m, 250ms. */
    public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";
    public static final String POSITIVE_DURATION_RULE = "duration(self) > duration('0s')";
    public static final String POSITIVE_DURATION_MESSAGE = "must be a positive duration such as 30s, 5m or 1h";

    /** RFC 1123 DNS label: lower-case alphanumerics and '-', starting and ending alphanumeric. */
    public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** A Kubernetes object name (RFC 1123 subdomain). */
    public static final String DNS_SUBDOMAIN_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    private Validation() {
    }
}

package io.tessera.gateway.rest;

import io.tessera.gateway.quota.Resources;
import java.math.BigDecimal;

/** Input checks shared by request bodies; failures are 400s naming the field. */
final class Checks {

    /** Counts fit the schema's INTEGER columns. */
    private static final long MAX_COUNT = Integer.MAX_VALUE;

    private Checks() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    static Long nonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw ApiException.badRequest(field + " must not be negative, got " + value);
        }
        return value;
    }

    static Long count(String field, Long value) {
        if (nonNegative(field, value) != null && value > MAX_COUNT) {
            throw ApiException.badRequest(field + " must be at most " + MAX_COUNT + ", got " + value);
        }
        return value;
    }

    static Long millicores(String field, BigDecimal cores) {
        if (cores == null) {
            return null;
        }
        try {
            return nonNegative(field, Resources.millicoresOf(cores));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + ": " + e.getMessage());
        }
    }

    static BigDecimal hours(String field, BigDecimal value) {
        if (value != null && (value.signum() < 0 || value.scale() > 3 || value.precision() - value.scale() > 11)) {
            throw ApiException.badRequest(field + " must be between 0 and 99999999999.999 hours, got " + value);
        }
        return value;
    }
}

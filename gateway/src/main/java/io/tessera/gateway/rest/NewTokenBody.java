package io.tessera.gateway.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A token request: an optional description and an optional lifetime in days (absent: no expiry). */
public record NewTokenBody(String description, Integer expiresInDays) {

    static final int MAX_DAYS = 3650;

    /** The expiry instant, checked: 1 to {@value #MAX_DAYS} days. */
    Instant expiresAt(Clock clock) {
        if (expiresInDays == null) {
            return null;
        }
        if (expiresInDays < 1 || expiresInDays > MAX_DAYS) {
            throw ApiException.badRequest("expiresInDays must be between 1 and " + MAX_DAYS + ", got " + expiresInDays);
        }
        return clock.instant().plus(Duration.ofDays(expiresInDays));
    }
}

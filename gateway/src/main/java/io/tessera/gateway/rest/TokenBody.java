package io.tessera.gateway.rest;

import io.tessera.gateway.identity.ApiTokenEntity;
import java.time.Instant;

/** An API token as listed: never the token itself, which only {@link CreatedTokenBody} carries, once. */
public record TokenBody(long id, String prefix, String description, Instant createdAt, Instant expiresAt,
                        Instant lastUsedAt, Instant revokedAt) {

    public static TokenBody of(ApiTokenEntity row) {
        return new TokenBody(row.id, row.prefix, row.description, row.createdAt, row.expiresAt, row.lastUsedAt,
                row.revokedAt);
    }
}

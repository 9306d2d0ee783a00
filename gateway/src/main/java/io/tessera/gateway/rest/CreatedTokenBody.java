package io.tessera.gateway.rest;

import io.tessera.gateway.identity.ApiTokenEntity;
import java.time.Instant;

/** The answer to a token creation: the only time the token itself is ever shown. */
public record CreatedTokenBody(long id, String prefix, String description, Instant createdAt, Instant expiresAt,
                               String token) {

    public static CreatedTokenBody of(ApiTokenEntity row, String token) {
        return new CreatedTokenBody(row.id, row.prefix, row.description, row.createdAt, row.expiresAt, token);
    }
}

package io.tessera.gateway.identity;

import io.tessera.gateway.group.UserEntity;
import io.tessera.gateway.group.UserRepository;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tessera API tokens: created for the calling user and shown once, listed, revoked, and verified
 * on every API call that presents one. Only a prefix and a SHA-256 are ever stored.
 */
@ApplicationScoped
@Transactional
public class TokenService {

    /** How stale {@code last_used_at} may get: avoids a write per request under load. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    static final int MAX_DESCRIPTION = 200;
    static final int MAX_ACTIVE_TOKENS = 50;

    private final SecureRandom random = new SecureRandom();

    @Inject
    EntityManager em;

    @Inject
    UserRepository users;

    @Inject
    Clock clock;

    /** A token just created: the row and the one and only copy of the token itself. */
    public record Created(ApiTokenEntity row, String token) {
    }

    /** Who a verified token belongs to. */
    public record Owner(String username, boolean platformAdmin, long tokenId) {
    }

    public Created create(String username, String description, Instant expiresAt) {
        UserEntity user = users.byUsername(username).filter(u -> u.active).orElseThrow(() -> ApiException.notFound(
                "user " + username + " is not known to the gateway"));
        Instant now = clock.instant();
        String text = description == null ? "" : description.strip();
        if (text.length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expiry must be in the future");
        }
        long active = em.createQuery("select count(t) from ApiTokenEntity t where t.userId = ?1 and t.revokedAt is null"
                + " and (t.expiresAt is null or t.expiresAt > ?2)", Long.class)
                .setParameter(1, user.id).setParameter(2, now).getSingleResult();
        if (active >= MAX_ACTIVE_TOKENS) {
            throw ApiException.conflict("at most " + MAX_ACTIVE_TOKENS + " active API tokens per user; revoke one first");
        }
        ApiTokenFormat.NewToken generated = ApiTokenFormat.generate(random);
        ApiTokenEntity row = new ApiTokenEntity();
        row.userId = user.id;
        row.prefix = generated.prefix();
        row.tokenSha256 = generated.sha256();
        row.description = text;
        row.createdAt = now;
        row.expiresAt = expiresAt;
        em.persist(row);
        return new Created(row, generated.token());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApiTokenEntity> list(String username) {
        return em.createQuery("select t from ApiTokenEntity t, UserEntity u where t.userId = u.id and u.username = ?1"
                + " order by t.createdAt desc, t.id desc", ApiTokenEntity.class).setParameter(1, username).getResultList();
    }

    /** Revokes one of the user's tokens; another user's token is "not found", never "forbidden". */
    public ApiTokenEntity revoke(String username, long id) {
        ApiTokenEntity row = em.find(ApiTokenEntity.class, id);
        UserEntity owner = row == null ? null : em.find(UserEntity.class, row.userId);
        if (owner == null || !owner.username.equals(username)) {
            throw ApiException.notFound("API token " + id + " not found");
        }
        if (row.revokedAt == null) {
            row.revokedAt = clock.instant();
        }
        return row;
    }

    /**
     * The owner of a presented token, or a {@link TokenRejected} saying why not. Records the use
     * (to the minute) so that the token page shows which tokens are alive.
     */
    public Owner verify(String token) {
        String prefix = ApiTokenFormat.prefixOf(token).orElseThrow(() -> new TokenRejected("malformed API token"));
        List<ApiTokenEntity> rows = em.createQuery("select t from ApiTokenEntity t where t.prefix = ?1", ApiTokenEntity.class)
                .setParameter(1, prefix).getResultList();
        if (rows.isEmpty() || !ApiTokenFormat.matches(token, rows.get(0).tokenSha256)) {
            throw new TokenRejected("unknown API token");
        }
        ApiTokenEntity row = rows.get(0);
        Instant now = clock.instant();
        if (row.revokedAt != null) {
            throw new TokenRejected("API token revoked");
        }
        if (row.expiresAt != null && !row.expiresAt.isAfter(now)) {
            throw new TokenRejected("API token expired");
        }
        UserEntity user = em.find(UserEntity.class, row.userId);
        if (!user.active) {
            throw new TokenRejected("the token's user is deactivated");
        }
        if (row.lastUsedAt == null || row.lastUsedAt.isBefore(now.minus(LAST_USED_PRECISION))) {
            row.lastUsedAt = now;
        }
        return new Owner(user.username, user.platformAdmin, row.id);
    }

    /** A presented token that does not authenticate; the message goes into the 401 body. */
    public static class TokenRejected extends RuntimeException {
        public TokenRejected(String message) {
            super(message);
        }
    }
}

package io.tessera.gateway.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tessera.gateway.identity.sync.IdentitySync;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * For callers authenticated by Keycloak (bearer token or browser session): adds the gateway role
 * {@code platform-admin} for the configured realm role, and syncs the user (groups, admin flag)
 * into PostgreSQL on their first request, so that every later check can rely on app_user. Users
 * that Keycloak disabled or deleted are refused even while their access token is still valid.
 * API-token identities are left alone: they come from the database already.
 */
@ApplicationScoped
public class OidcIdentityAugmentor implements SecurityIdentityAugmentor {

    @Inject
    IdentityConfig config;

    @Inject
    IdentitySync sync;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        String username = jwt.getClaim("preferred_username");
        if (username == null || jwt.getSubject() == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "the Keycloak token has no preferred_username or sub claim"));
        }
        boolean admin = identity.hasRole(config.adminRole());
        SecurityIdentity augmented = admin
                ? QuarkusSecurityIdentity.builder(identity).addRole(Roles.PLATFORM_ADMIN).build() : identity;
        if (sync.fresh(username)) {
            return Uni.createFrom().item(augmented);
        }
        // Keycloak admin API and database calls: off the event loop.
        return context.runBlocking(() -> {
            if (!sync.onLogin(jwt.getSubject(), username, admin)) {
                throw new AuthenticationFailedException("account " + username + " is disabled or deleted in Keycloak");
            }
            return augmented;
        });
    }
}

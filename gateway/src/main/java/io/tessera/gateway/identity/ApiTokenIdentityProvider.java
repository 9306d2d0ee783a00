package io.tessera.gateway.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a valid Tessera API token into the identity of its owner: principal name = username,
 * role {@code platform-admin} from the database flag (kept current by Keycloak sync).
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenAuthenticationRequest> {

    /** Identity attribute naming how the caller authenticated; the token pages refuse token-made tokens. */
    public static final String AUTHENTICATED_BY = "tessera.authenticated-by";
    public static final String API_TOKEN = "api-token";

    @Inject
    TokenService tokens;

    @Override
    public Class<ApiTokenAuthenticationRequest> getRequestType() {
        return ApiTokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenAuthenticationRequest request, AuthenticationRequestContext context) {
        // A database lookup: off the event loop.
        return context.runBlocking(() -> {
            TokenService.Owner owner;
            try {
                owner = tokens.verify(request.token());
            } catch (TokenService.TokenRejected e) {
                throw new AuthenticationFailedException(e.getMessage());
            }
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(owner.username()))
                    .addAttribute(AUTHENTICATED_BY, API_TOKEN)
                    .addAttribute("tessera.token-id", owner.tokenId());
            if (owner.platformAdmin()) {
                identity.addRole(Roles.PLATFORM_ADMIN);
            }
            return identity.build();
        });
    }
}

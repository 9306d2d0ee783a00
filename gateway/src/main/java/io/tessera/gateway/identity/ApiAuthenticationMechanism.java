package io.tessera.gateway.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication of {@code /api/**}, tried before OIDC: a Tessera API token in any of the accepted
 * schemes is checked here; anything else (a Keycloak JWT, or nothing) falls through to quarkus-oidc.
 * It also owns the challenge of every API path, so that the dask-gateway client's 401-then-
 * credentials handshake works: unauthenticated or bad credentials give 401, a
 * {@code WWW-Authenticate} header and an {@code {"error": ...}} body, never a login redirect.
 * Page paths keep the OIDC code-flow redirect.
 */
@ApplicationScoped
public class ApiAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Runs before the OIDC mechanism (default priority). */
    static final int PRIORITY = HttpAuthenticationMechanism.DEFAULT_PRIORITY + 1000;
    static final String REJECTION = ApiChallenge.REJECTION;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Optional<String> token = AuthorizationHeader.tesseraToken(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        ApiTokenAuthenticationRequest request = new ApiTokenAuthenticationRequest(token.get());
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request).onFailure(AuthenticationFailedException.class).invoke(failure -> {
            // The challenge cannot see the exception: keep its message for the 401 body.
            context.put(REJECTION, failure.getMessage());
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(apiChallenge(context)
                ? new ChallengeData(401, "WWW-Authenticate", ApiChallenge.of(context).header()) : null);
    }

    /** Writes the API's 401 itself (JSON body); declines page paths (and browsers on dashboards) so OIDC can redirect them. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!apiChallenge(context)) {
            return Uni.createFrom().item(false);
        }
        ApiChallenge challenge = ApiChallenge.of(context);
        context.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", challenge.header())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(ErrorJson.of(challenge.message()));
        return Uni.createFrom().item(true);
    }

    private static boolean apiChallenge(RoutingContext context) {
        return ApiPaths.challengesWith401(context.normalizedPath(), context.request().getHeader(HttpHeaders.AUTHORIZATION),
                context.request().getHeader(HttpHeaders.ACCEPT));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}

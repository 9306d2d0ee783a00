package io.tessera.gateway.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.tessera.gateway.identity.ApiTokenEntity;
import io.tessera.gateway.identity.TokenService;
import io.tessera.gateway.rest.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The logged-in user's pages (OIDC code flow, tenant "web"): their clusters, and their API tokens
 * with a form to create one (shown once, on the answer page only) and buttons to revoke.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class Pages {

    @Inject
    SecurityIdentity caller;

    @Inject
    PageQueries queries;

    @Inject
    TokenService tokens;

    @Inject
    Clock clock;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance clusters(String user, List<ClusterRow> clusters);

        static native TemplateInstance tokens(String user, List<ApiTokenEntity> tokens, String newToken, String error,
                                              Instant now);
    }

    @GET
    public TemplateInstance clusters() {
        String user = caller.getPrincipal().getName();
        return Templates.clusters(user, queries.clusters(user));
    }

    @GET
    @Path("tokens")
    public TemplateInstance tokenPage() {
        return tokenPage(null, null);
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance create(@RestForm String description, @RestForm String expiresInDays) {
        try {
            Instant expiry = expiry(expiresInDays);
            String token = tokens.create(caller.getPrincipal().getName(), description, expiry).token();
            // Rendered into this answer only: never stored, never shown again.
            return tokenPage(token, null);
        } catch (ApiException e) {
            return tokenPage(null, e.getMessage());
        }
    }

    @POST
    @Path("tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(caller.getPrincipal().getName(), id);
        // Post/redirect/get: reloading the list never re-submits the form.
        return Response.seeOther(URI.create("/tokens")).build();
    }

    private TemplateInstance tokenPage(String newToken, String error) {
        String user = caller.getPrincipal().getName();
        return Templates.tokens(user, tokens.list(user), newToken, error, clock.instant());
    }

    private Instant expiry(String days) {
        if (days == null || days.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(days.strip());
            if (value < 1 || value > 3650) {
                throw ApiException.badRequest("expiry must be between 1 and 3650 days");
            }
            return clock.instant().plus(Duration.ofDays(value));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("expiry must be a whole number of days");
        }
    }
}

package io.tessera.gateway.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.tessera.gateway.identity.ApiTokenIdentityProvider;
import io.tessera.gateway.identity.TokenService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own Tessera API tokens (for the dask-gateway client and scripts). */
@Path("/api/tessera/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tokens", description = "Your Tessera API tokens")
@APIResponse(responseCode = "401", description = "No or invalid credentials",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@Authenticated
public class TokenResource {

    @Inject
    TokenService tokens;

    @Inject
    SecurityIdentity caller;

    @Inject
    Clock clock;

    @GET
    @Operation(summary = "List your API tokens (never the tokens themselves)")
    public List<TokenBody> list() {
        return tokens.list(caller.getPrincipal().getName()).stream().map(TokenBody::of).toList();
    }

    @POST
    @Operation(summary = "Create an API token; the answer is the only time it is shown")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "403", description = "Called with an API token: log in with Keycloak to create tokens",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(NewTokenBody body) {
        // A leaked token must not be able to mint tokens that outlive its revocation.
        if (ApiTokenIdentityProvider.API_TOKEN.equals(caller.getAttribute(ApiTokenIdentityProvider.AUTHENTICATED_BY))) {
            throw ApiException.forbidden("API tokens cannot create API tokens: use a Keycloak login (bearer token or the"
                    + " gateway's token page)");
        }
        NewTokenBody request = body == null ? new NewTokenBody(null, null) : body;
        TokenService.Created created = tokens.create(caller.getPrincipal().getName(), request.description(),
                request.expiresAt(clock));
        return Response.status(201).entity(CreatedTokenBody.of(created.row(), created.token())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of your API tokens (idempotent)")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such token of yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(caller.getPrincipal().getName(), id);
        return Response.noContent().build();
    }
}

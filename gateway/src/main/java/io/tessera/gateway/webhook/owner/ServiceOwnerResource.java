package io.tessera.gateway.webhook.owner;

import io.tessera.gateway.rest.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The group's service owner: the member that objects applied by GitOps (a service account, no
 * {@code tessera.io/user} label) are charged to. Under the admin API's path; its own class so
 * that the admin resource stays small.
 */
@Path("/api/admin/v1/groups/{group}/service-owner")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "groups")
public class ServiceOwnerResource {

    /** Body and answer: the member's username. */
    public record ServiceOwnerBody(String username) {
    }

    @Inject
    Owners owners;

    @GET
    @Operation(summary = "The member GitOps-applied objects are charged to (404 when none is set)")
    public ServiceOwnerBody get(@PathParam("group") String group) {
        return owners.serviceOwnerName(group).map(ServiceOwnerBody::new)
                .orElseThrow(() -> ApiException.notFound("group " + group + " has no service owner"));
    }

    @PUT
    @Operation(summary = "Make a member the group's service owner")
    public ServiceOwnerBody set(@PathParam("group") String group, ServiceOwnerBody body) {
        if (body == null || body.username() == null) {
            throw ApiException.badRequest("body must be {\"username\": \"<member>\"}");
        }
        return new ServiceOwnerBody(owners.setServiceOwner(group, body.username()));
    }

    @DELETE
    @Operation(summary = "Remove the service owner: objects without an owner are denied again")
    public Response clear(@PathParam("group") String group) {
        return owners.clearServiceOwner(group) ? Response.noContent().build()
                : Response.status(404).type(MediaType.APPLICATION_JSON)
                        .entity(new io.tessera.gateway.rest.ErrorBody("group " + group + " has no service owner")).build();
    }
}

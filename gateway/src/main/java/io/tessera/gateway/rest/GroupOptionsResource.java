package io.tessera.gateway.rest;

import io.tessera.gateway.options.GroupOptionsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platform administration of a group's cluster options: what its members may choose and the defaults. */
@Path("/api/admin/v1/groups/{group}/options")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(GroupOptionsResource.PLATFORM_ADMIN)
@Tag(name = "groups", description = "Groups, quotas, budgets and members")
@APIResponse(responseCode = "400", description = "Invalid bounds",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "401", description = "Not authenticated")
@APIResponse(responseCode = "403", description = "Not a platform admin")
@APIResponse(responseCode = "404", description = "No such group",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class GroupOptionsResource {

    /** The role that marks platform admins (the identity contract of issue 5). */
    public static final String PLATFORM_ADMIN = "platform-admin";

    @Inject
    GroupOptionsService options;

    @GET
    @Operation(summary = "The group's cluster-option bounds and defaults (built-in defaults until set)")
    public GroupOptionsBody get(@PathParam("group") String group) {
        return GroupOptionsBody.of(options.get(group));
    }

    @PUT
    @Operation(summary = "Replace the group's cluster-option bounds and defaults; absent sections take the built-in defaults")
    public GroupOptionsBody set(@PathParam("group") String group, GroupOptionsBody body) {
        return GroupOptionsBody.of(options.set(group, Checks.required("body", body).toOptions()));
    }
}

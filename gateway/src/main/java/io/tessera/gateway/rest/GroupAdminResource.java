package io.tessera.gateway.rest;

import io.tessera.gateway.admission.AdmissionService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.identity.GroupAccess;
import io.tessera.gateway.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Platform administration of groups, quotas, budgets and members. Thin: checks the body, calls a
 * service, maps the result. Every write needs the role platform-admin; reading a group and its
 * usage is also open to that group's admins (docs/gateway.md, Identity and login).
 */
@Path("/api/admin/v1/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "groups", description = "Groups, quotas, budgets and members")
@APIResponse(responseCode = "400", description = "Invalid request",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "401", description = "No or invalid credentials",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "403", description = "Not a platform admin (or, for reads, not an admin of the group)",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "404", description = "No such group or member",
        content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@Authenticated
public class GroupAdminResource {

    @Inject
    GroupService groups;

    @Inject
    GroupAccess access;

    @Inject
    SecurityIdentity caller;

    @Inject
    AdmissionService admission;

    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @POST
    @Operation(summary = "Create a group (its namespace defaults to tessera-<name>)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The name or namespace is taken")
    public Response create(GroupBody body) {
        GroupBody group = Checks.required("body", body);
        return Response.status(201).entity(GroupBody.of(groups.create(group.name(), group.namespace()))).build();
    }

    @GET
    @Path("/{group}")
    @Operation(summary = "Read a group")
    public GroupBody get(@PathParam("group") String group) {
        access.requireAdministrator(caller, group);
        return GroupBody.of(groups.get(group));
    }

    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @PUT
    @Path("/{group}/quota")
    @Operation(summary = "Set the group's quota (absent fields are unlimited)")
    public LimitsBody setQuota(@PathParam("group") String group, LimitsBody body) {
        return LimitsBody.of(groups.setQuota(group, Checks.required("body", body).toLimits()));
    }

    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @PUT
    @Path("/{group}/budget")
    @Operation(summary = "Set the group's monthly core-hour and GPU-hour budget")
    public BudgetBody setBudget(@PathParam("group") String group, BudgetBody body) {
        return BudgetBody.of(groups.setBudget(group, Checks.required("body", body).toBudget()));
    }

    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @PUT
    @Path("/{group}/members/{username}")
    @Operation(summary = "Add a member or change their group-admin flag")
    public MemberBody addMember(@PathParam("group") String group, @PathParam("username") String username,
                                MemberBody body) {
        boolean admin = body != null && body.groupAdmin();
        groups.addMember(group, username, admin);
        return new MemberBody(username, admin);
    }

    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @PUT
    @Path("/{group}/members/{username}/cap")
    @Operation(summary = "Cap one member inside the group (cores, memory, GPUs, clusters)")
    public LimitsBody setCap(@PathParam("group") String group, @PathParam("username") String username,
                             LimitsBody body) {
        return LimitsBody.of(groups.setCap(group, username, Checks.required("body", body).toLimits()));
    }

    @GET
    @Path("/{group}/usage")
    @Operation(summary = "Quota, reservations, headroom and this month's budget use")
    public UsageBody usage(@PathParam("group") String group) {
        access.requireAdministrator(caller, group);
        return UsageBody.of(admission.usage(group));
    }
}

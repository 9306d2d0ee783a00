package io.tessera.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.tessera.gateway.cluster.ClusterReport;
import io.tessera.gateway.cluster.ClusterScaling;
import io.tessera.gateway.cluster.ClusterService;
import io.tessera.gateway.cluster.ClusterState;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API the unchanged dask-gateway client speaks (docs/gateway.md, "dask-gateway API"):
 * exact paths including trailing slashes, {@code {"error": ...}} bodies, 404/422 for bad input
 * (the client raises ValueError), 409 for cluster state (GatewayClusterError), 403 for another
 * user's cluster. Thin: the work is in {@link ClusterService}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "dask-gateway", description = "The dask-gateway client API")
public class DaskGatewayResource {

    private static final Set<ClusterState> ACTIVE = EnumSet.of(ClusterState.PENDING, ClusterState.RUNNING);

    @Inject
    ClusterService clusters;

    @Inject
    ClusterScaling scaling;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/options")
    @Operation(summary = "The cluster options the caller may set, in dask-gateway's spec format")
    public Map<String, List<Map<String, Object>>> options() {
        return Map.of("cluster_options", clusters.optionsSpec(user()));
    }

    @GET
    @Path("/clusters/")
    @Operation(summary = "The caller's clusters by name; ?status=PENDING,RUNNING (the default), STOPPED, ...")
    public Map<String, ClusterReport> list(@QueryParam("status") String status) {
        return clusters.list(user(), statuses(status));
    }

    @POST
    @Path("/clusters/")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a cluster from {\"cluster_options\": {...}}; 201 {\"name\": ...}")
    public Response create(JsonNode body) {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw new ApiException(422, "the request body must be a JSON object like {\"cluster_options\": {}}");
        }
        JsonNode options = body == null ? null : body.get("cluster_options");
        return Response.status(201).entity(Map.of("name", clusters.create(user(), options))).build();
    }

    @GET
    @Path("/clusters/{name}")
    @Operation(summary = "One cluster's report; ?wait blocks up to 20 s until it is RUNNING or later")
    public ClusterReport get(@PathParam("name") String name, @Context UriInfo uri) {
        // The client sends a bare "?wait", which a @QueryParam cannot tell from no parameter at all.
        var query = uri.getQueryParameters();
        String wait = query.containsKey("wait") ? Optional.ofNullable(query.getFirst("wait")).orElse("") : null;
        return clusters.get(user(), name, waits(wait));
    }

    @DELETE
    @Path("/clusters/{name}")
    @Operation(summary = "Stop a cluster; 204 also when it does not exist")
    public Response delete(@PathParam("name") String name) {
        clusters.delete(user(), name);
        return Response.noContent().build();
    }

    @POST
    @Path("/clusters/{name}/scale")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the worker count {\"count\": n}; answers {\"ok\", \"msg\"} (ok false when clamped)")
    public ClusterScaling.ScaleResult scale(@PathParam("name") String name, JsonNode body) {
        return scaling.scale(user(), name, body);
    }

    @POST
    @Path("/clusters/{name}/adapt")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adaptive scaling {\"minimum\", \"maximum\", \"active\"}; answers {\"ok\", \"msg\"}")
    public ClusterScaling.ScaleResult adapt(@PathParam("name") String name, JsonNode body) {
        return scaling.adapt(user(), name, body);
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    /** dask-gateway: {@code ?wait} with no value or a non-zero integer means wait. */
    static boolean waits(String wait) {
        if (wait == null) {
            return false;
        }
        if (wait.isEmpty()) {
            return true;
        }
        try {
            return Long.parseLong(wait.trim()) != 0;
        } catch (NumberFormatException e) {
            throw new ApiException(422, "wait must be empty or an integer, got " + wait);
        }
    }

    /** A comma-separated, case-insensitive list of status names; absent means PENDING and RUNNING. */
    static Set<ClusterState> statuses(String status) {
        if (status == null || status.isBlank()) {
            return ACTIVE;
        }
        Set<ClusterState> wanted = EnumSet.noneOf(ClusterState.class);
        for (String part : status.split(",")) {
            try {
                wanted.add(ClusterState.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ApiException(422, "Unknown status " + part.trim() + "; use PENDING, RUNNING, STOPPING, "
                        + "STOPPED or FAILED");
            }
        }
        return wanted;
    }
}

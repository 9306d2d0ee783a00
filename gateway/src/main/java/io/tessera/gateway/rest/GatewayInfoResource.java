package io.tessera.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** dask-gateway's unauthenticated endpoints: the server version and the probe target. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "dask-gateway", description = "The dask-gateway client API")
public class GatewayInfoResource {

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @GET
    @Path("/version")
    @Operation(summary = "{\"version\": the gateway's version}; the client does not check it")
    public Map<String, String> version() {
        return Map.of("version", version);
    }

    @GET
    @Path("/health")
    @Operation(summary = "{\"status\": \"pass\"} while the gateway serves requests (liveness and readiness probes)")
    public Map<String, String> health() {
        return Map.of("status", "pass");
    }
}

package io.tessera.gateway.rest;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.tessera.gateway.options.OptionsException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Options and scale requests that cannot be used are 422, which the dask-gateway client raises as
 * ValueError; an API server that cannot be reached is 503, not an unexplained 500.
 */
public class DaskGatewayErrors {

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e) {
        Log.warnf("Kubernetes API error: %s", e.getMessage());
        return Response.status(503).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("the Kubernetes API did not answer as expected (" + e.getCode() + "); try again"))
                .build();
    }

    @ServerExceptionMapper
    public Response options(OptionsException e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(e.getMessage())).build();
    }
}

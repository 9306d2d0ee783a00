package io.tessera.gateway.rest;

import io.tessera.gateway.options.OptionsException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Options and scale requests that cannot be used are 422, which the dask-gateway client raises as ValueError. */
public class DaskGatewayErrors {

    @ServerExceptionMapper
    public Response options(OptionsException e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(e.getMessage())).build();
    }
}

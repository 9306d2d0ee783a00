package io.tessera.gateway.proxy;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Test only: the client address the HTTP server sees (FrontDoorIT: the PROXY header carries it through). */
@Path("/test/client-address")
public class ClientAddressResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String address(@Context HttpServerRequest request) {
        return request.remoteAddress().hostAddress() + ":" + request.remoteAddress().port();
    }
}

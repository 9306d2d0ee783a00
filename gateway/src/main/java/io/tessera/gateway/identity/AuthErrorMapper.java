package io.tessera.gateway.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tessera.gateway.rest.ErrorBody;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Security failures raised inside JAX-RS (@Authenticated, @RolesAllowed with lazy authentication)
 * as {@code {"error": ...}}: 401 with the API challenge, 403 for a missing role. Without this,
 * Quarkus answers them with an empty body.
 */
public class AuthErrorMapper {

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RoutingContext context) {
        ApiChallenge challenge = ApiChallenge.of(context);
        return Response.status(401).header("WWW-Authenticate", challenge.header()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(challenge.message())).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(
                "forbidden: this operation needs a role your account does not have (admin API writes need platform-admin)"))
                .build();
    }
}

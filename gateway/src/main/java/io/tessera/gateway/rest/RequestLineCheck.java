package io.tessera.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Path segments and query parameters, decoded, must be {@link PlainText} (a {@code %00} in a
 * cluster or group name is a 400, never a PostgreSQL error), and the request target at most
 * {@link #MAX_URI} characters: a JSON 414 (the HTTP server's own limit is set far above it, see
 * application.properties, because its 414 has no body).
 */
public class RequestLineCheck {

    static final int MAX_URI = 8192;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        String raw = request.getUriInfo().getRequestUri().getRawPath();
        String rawQuery = request.getUriInfo().getRequestUri().getRawQuery();
        if (raw.length() + (rawQuery == null ? 0 : rawQuery.length()) > MAX_URI) {
            return Optional.of(error(414, "the request URI is longer than " + MAX_URI + " characters"));
        }
        Optional<String> bad = PlainText.control(request.getUriInfo().getPath(), false).map(c -> "the path has a " + c);
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (bad.isPresent()) {
                break;
            }
            bad = PlainText.control(parameter.getKey(), false).map(c -> "a query parameter name has a " + c);
            for (String value : parameter.getValue()) {
                bad = bad.or(() -> PlainText.control(value, false)
                        .map(c -> "query parameter " + parameter.getKey() + " has a " + c));
            }
        }
        return bad.map(message -> error(400, message));
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message)).build();
    }
}

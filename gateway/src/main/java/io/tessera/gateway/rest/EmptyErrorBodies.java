package io.tessera.gateway.rest;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Requests refused below JAX-RS (an unreadable multipart body, a body over the size limit) fail
 * on the Vert.x router, whose default handler answers a 4xx with an empty body. This failure
 * handler, first in line, gives them the API's {@code {"error": ...}}; 5xx and answers already
 * written are left to Quarkus.
 */
@Singleton
public class EmptyErrorBodies {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            HttpServerResponse response = context.response();
            int status = context.statusCode();
            if (status < 400 || status >= 500 || response.ended() || response.headWritten()) {
                context.next();
                return;
            }
            String message = context.failure() != null && context.failure().getMessage() != null
                    ? context.failure().getMessage() : "the request cannot be processed (HTTP " + status + ")";
            response.setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", message).encode());
        });
    }
}

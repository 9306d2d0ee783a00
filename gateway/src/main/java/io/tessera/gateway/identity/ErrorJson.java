package io.tessera.gateway.identity;

import io.vertx.core.json.JsonObject;

/** {@code {"error": ...}} for responses written below JAX-RS (challenges), same shape as ErrorBody. */
final class ErrorJson {

    private ErrorJson() {
    }

    static String of(String message) {
        return new JsonObject().put("error", message).encode();
    }
}

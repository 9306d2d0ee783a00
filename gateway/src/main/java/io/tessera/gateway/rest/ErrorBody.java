package io.tessera.gateway.rest;

/** Every error response: {@code {"error": "..."}}, the shape dask-gateway clients also expect. */
public record ErrorBody(String error) {
}

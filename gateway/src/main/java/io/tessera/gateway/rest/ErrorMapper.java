package io.tessera.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to {@code {"error": ...}}; only unexpected ones are 5xx, and they are logged. */
public class ErrorMapper {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return body(e.status(), e.getMessage());
    }

    /** Framework errors (404, 405, 415, unreadable bodies); JSON causes get their own message. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json instanceof MismatchedInputException mismatched ? mismatched(mismatched) : json(json);
            }
        }
        return body(e.getResponse().getStatus(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return body(400, "unknown field " + e.getPropertyName());
    }

    /** Wrong JSON types and missing bodies; the message names the field but not our classes. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream().map(ref -> ref.getFieldName() == null ? "[" + ref.getIndex() + "]"
                : ref.getFieldName()).reduce((a, b) -> a + "." + b).orElse("body");
        return body(400, "invalid value for " + field);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return body(400, "invalid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("unexpected failure", e);
        return body(500, "internal error");
    }

    private static Response body(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message)).build();
    }
}

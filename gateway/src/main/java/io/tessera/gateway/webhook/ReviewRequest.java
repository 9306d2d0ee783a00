package io.tessera.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The parts of an admission.k8s.io/v1 AdmissionReview request the webhook uses. Parsed by hand
 * from JSON, so that any object the API server sends (our custom resources, a Scale) is read
 * without registering types, and a malformed review is a clear 400, never a 500.
 *
 * @param group API group of the resource ("tessera.io")
 * @param resource plural ("arrayclusters")
 * @param subResource "" or "scale"
 * @param operation CREATE, UPDATE, ...
 * @param username the requesting Kubernetes user (userInfo.username)
 * @param object the object after the change ({@code request.object})
 * @param oldObject the object before an UPDATE ({@code request.oldObject}), else missing
 */
public record ReviewRequest(String uid, String group, String resource, String subResource, String operation,
        String namespace, String name, String username, boolean dryRun, JsonNode object, JsonNode oldObject) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request inside an AdmissionReview; IllegalArgumentException names what is wrong. */
    public static ReviewRequest parse(byte[] body) {
        JsonNode review;
        try {
            review = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (review == null || !review.isObject()) {
            throw new IllegalArgumentException("the body is not an AdmissionReview object");
        }
        if (!"admission.k8s.io/v1".equals(review.path("apiVersion").asText())
                || !"AdmissionReview".equals(review.path("kind").asText())) {
            throw new IllegalArgumentException("expected apiVersion admission.k8s.io/v1, kind AdmissionReview");
        }
        JsonNode request = review.path("request");
        String uid = request.path("uid").asText("");
        if (!request.isObject() || uid.isEmpty()) {
            throw new IllegalArgumentException("the AdmissionReview has no request.uid");
        }
        JsonNode resource = request.path("resource");
        return new ReviewRequest(uid, resource.path("group").asText(""), resource.path("resource").asText(""),
                request.path("subResource").asText(""), request.path("operation").asText(""),
                request.path("namespace").asText(""), request.path("name").asText(""),
                request.path("userInfo").path("username").asText(""), request.path("dryRun").asBoolean(false),
                request.path("object"), request.path("oldObject"));
    }

    public Optional<JsonNode> objectIfAny() {
        return present(object);
    }

    public Optional<JsonNode> oldObjectIfAny() {
        return present(oldObject);
    }

    private static Optional<JsonNode> present(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
    }
}

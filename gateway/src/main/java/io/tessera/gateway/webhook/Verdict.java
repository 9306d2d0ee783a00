package io.tessera.gateway.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The webhook's answer. A denial carries an HTTP-like code (403 for quota and policy, 409 for a
 * conflicting cluster, 500 for our own failure) and a message the API server hands to kubectl.
 */
public record Verdict(boolean allowed, int code, String message) {

    public static final Verdict ALLOW = new Verdict(true, 200, "");

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Verdict deny(String message) {
        return new Verdict(false, 403, message);
    }

    public static Verdict deny(int code, String message) {
        return new Verdict(false, code, message);
    }

    /** The AdmissionReview response for the request {@code uid}. */
    public String toReview(String uid) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        ObjectNode response = review.putObject("response");
        response.put("uid", uid);
        response.put("allowed", allowed);
        if (!allowed) {
            ObjectNode status = response.putObject("status");
            status.put("code", code);
            status.put("message", message);
            status.put("reason", code == 409 ? "Conflict" : code >= 500 ? "InternalError" : "Forbidden");
        }
        return review.toString();
    }
}

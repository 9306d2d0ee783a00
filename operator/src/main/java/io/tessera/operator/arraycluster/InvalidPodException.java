package io.tessera.operator.arraycluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API server refused a pod the operator derived from the spec (HTTP 422, e.g. a pod template
 * with an invalid field). Retrying cannot help until the spec changes, so the cluster fails with
 * the server's message instead of retrying in a loop.
 */
public class InvalidPodException extends RuntimeException {

    private static final int CONFLICT = 409;
    private static final int UNPROCESSABLE = 422;

    public InvalidPodException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the pod (an existing one is fine), turning a validation refusal into this exception. */
    static void create(KubernetesClient client, Pod pod) {
        try {
            client.resource(pod).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == CONFLICT) {
                // Already there: created by a pass whose watch event has not arrived yet.
                return;
            }
            if (e.getCode() == UNPROCESSABLE) {
                String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                        : e.getMessage();
                throw new InvalidPodException("the API server rejected pod " + pod.getMetadata().getName() + ": "
                        + detail, e);
            }
            throw e;
        }
    }
}

package io.tessera.operator.arraycluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API server refused a pod the operator derived from the spec: HTTP 422 (a pod template with
 * an invalid field), or 403 from Pod Security admission (a template whose own security context
 * the namespace's enforced level forbids). Retrying cannot help until the spec changes, so the
 * cluster fails with the server's message instead of retrying in a loop. Other 403s (RBAC, an
 * exhausted ResourceQuota) may pass later and are retried.
 */
public class InvalidPodException extends RuntimeException {

    private static final int CONFLICT = 409;
    private static final int FORBIDDEN = 403;
    private static final int UNPROCESSABLE = 422;
    /** How Pod Security admission words its refusals: pods "x" is forbidden: violates PodSecurity "restricted:latest": ... */
    private static final String POD_SECURITY_REFUSAL = "violates PodSecurity";

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
            String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage();
            if (e.getCode() == UNPROCESSABLE || (e.getCode() == FORBIDDEN && detail != null
                    && detail.contains(POD_SECURITY_REFUSAL))) {
                throw new InvalidPodException("the API server rejected pod " + pod.getMetadata().getName() + ": "
                        + detail, e);
            }
            throw e;
        }
    }
}

package io.tessera.gateway.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/** How the API server's refusals of an ArrayCluster write are told apart (pure). */
final class KubernetesRefusals {

    /** What the API server says before a validating webhook's own message. */
    private static final String WEBHOOK_DENIAL = "denied the request: ";

    private KubernetesRefusals() {
    }

    /** The write was based on an old resourceVersion ("the object has been modified"): re-read and try again. */
    static boolean staleRead(KubernetesClientException e) {
        return e.getCode() == 409 && webhookMessage(e).isEmpty();
    }

    /**
     * The admission webhook's own message when it denied the write (quota, conflicting owner),
     * without the API server's prefix: {@code group physics: cores 2 requested, 1 of 8 left}.
     */
    static Optional<String> webhookMessage(KubernetesClientException e) {
        String message = ClusterService.kubernetesMessage(e);
        if (message == null || (e.getCode() != 403 && e.getCode() != 409 && e.getCode() != 400)) {
            return Optional.empty();
        }
        int at = message.indexOf(WEBHOOK_DENIAL);
        return at < 0 ? Optional.empty() : Optional.of(message.substring(at + WEBHOOK_DENIAL.length()));
    }
}

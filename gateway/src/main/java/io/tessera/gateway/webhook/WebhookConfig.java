package io.tessera.gateway.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The admission webhook and the ArrayJob quota queue ({@code tessera.webhook.*}). The defaults
 * match the Helm chart and gateway/kubernetes/; tests bind 127.0.0.1 on a random port.
 */
@ConfigMapping(prefix = "tessera.webhook")
public interface WebhookConfig {

    /** Serve the webhook and run the queue; needs the Kubernetes API. */
    @WithDefault("true")
    boolean enabled();

    /** Address of the HTTPS listener; the API server reaches it through the webhook Service. */
    @WithDefault("0.0.0.0")
    String host();

    /** Port of the HTTPS listener; 0 picks a free one (tests). */
    @WithDefault("8443")
    int port();

    /** Namespace of the gateway, where its certificate Secret lives. */
    @WithDefault("tessera-system")
    String namespace();

    /** The Secret holding the webhook's CA and serving certificate (created by the gateway). */
    @WithDefault("tessera-gateway-webhook-tls")
    String secretName();

    /** The Service in front of the listener: its DNS names go into the certificate. */
    @WithDefault("tessera-gateway-webhook")
    String serviceName();

    /** IP addresses also put into the certificate (the API server calls 127.0.0.1 in local runs). */
    @WithDefault("127.0.0.1")
    List<String> ipSans();

    /** The ValidatingWebhookConfiguration whose caBundle the gateway keeps equal to its CA. */
    @WithDefault("tessera-gateway")
    String configurationName();

    /** Lifetime of a serving certificate. */
    @WithDefault("365d")
    Duration certificateValidity();

    /** Lifetime of the CA; long, because a new CA must reach every caBundle. */
    @WithDefault("3650d")
    Duration caValidity();

    /** Renew a certificate this long before it expires. */
    @WithDefault("30d")
    Duration renewBefore();

    /** How often the Secret is re-read (renewal, or another replica's renewal) and the caBundle checked. */
    @WithDefault("1h")
    Duration certificateCheckInterval();

    /** Full pass over every queue, besides the passes that ArrayJob events and releases trigger. */
    @WithDefault("30s")
    Duration queueResync();
}

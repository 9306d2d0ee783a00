package io.tessera.gateway.webhook;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.api.Constants;
import io.tessera.gateway.webhook.tls.CertificateManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Registers the committed webhook configuration (gateway/kubernetes/validating-webhook.yaml) with
 * the local API server, pointing at the test's listener on 127.0.0.1 instead of the Service, and
 * creates group namespaces labelled as the gateway labels them.
 */
public final class LocalWebhook {

    private LocalWebhook() {
    }

    public static String url() {
        return url(WebhookProfile.PORT);
    }

    static String url(int port) {
        return "https://127.0.0.1:" + port + WebhookServer.PATH;
    }

    /** The committed manifest under the test name, calling the test listener; caBundle left to the gateway. */
    public static void register(KubernetesClient client, CertificateManager certificates) throws IOException {
        register(client, certificates, WebhookProfile.CONFIGURATION, WebhookProfile.PORT);
    }

    /** As {@link #register(KubernetesClient, CertificateManager)}, for another profile's name and listener port. */
    public static void register(KubernetesClient client, CertificateManager certificates, String configuration,
            int port) throws IOException {
        ValidatingWebhookConfiguration vwc;
        try (InputStream in = Files.newInputStream(Path.of("kubernetes", "validating-webhook.yaml"))) {
            vwc = client.getKubernetesSerialization().unmarshal(in, ValidatingWebhookConfiguration.class);
        }
        vwc.getMetadata().setName(configuration);
        // A re-registration keeps the caBundle the gateway already patched in: replacing it with the
        // manifest's empty one would fail calls until ensure() below puts it back.
        ValidatingWebhookConfiguration live = client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(configuration).get();
        vwc.getWebhooks().forEach(w -> w.setClientConfig(new WebhookClientConfigBuilder().withUrl(url(port))
                .withCaBundle(live == null ? null : caBundleOf(live, w.getName())).build()));
        client.resource(vwc).createOr(existing -> existing.update());
        certificates.ensure(); // what the gateway does at start and on every check: patches caBundle
    }

    private static String caBundleOf(ValidatingWebhookConfiguration configuration, String webhook) {
        return configuration.getWebhooks().stream().filter(w -> w.getName().equals(webhook)).findFirst()
                .map(w -> w.getClientConfig().getCaBundle()).orElse(null);
    }

    public static void unregister(KubernetesClient client) {
        unregister(client, WebhookProfile.CONFIGURATION);
    }

    public static void unregister(KubernetesClient client, String configuration) {
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(configuration).delete();
    }

    public static void groupNamespace(KubernetesClient client, String namespace, String group) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .withLabels(Map.of(Constants.LABEL_GROUP, group)).endMetadata().build()).create();
    }
}

package io.tessera.gateway.webhook.tls;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.logging.Log;
import io.tessera.gateway.webhook.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the webhook's certificate Secret and the webhook configuration's caBundle right, so that
 * neither the Helm chart nor GitOps ever renders a certificate (nothing changes per render, no
 * Helm {@code lookup}). Several gateway replicas may run this at once: the Secret is created with
 * create-then-read-on-409 and renewed with an optimistic update (resourceVersion), so all replicas
 * end up serving the one certificate that won.
 */
@ApplicationScoped
public class CertificateManager {

    @Inject
    KubernetesClient client;

    @Inject
    WebhookConfig config;

    @Inject
    Clock clock;

    /** The material to serve now: the Secret's, created or renewed first when needed; caBundle patched. */
    public TlsMaterial ensure() {
        TlsMaterial material = ensureSecret();
        patchCaBundle(material.caCertPem());
        return material;
    }

    /** The names the serving certificate must carry: the Service's DNS names and the configured IPs. */
    public List<String> dnsNames() {
        String svc = config.serviceName();
        String ns = config.namespace();
        return List.of(svc, svc + "." + ns, svc + "." + ns + ".svc", svc + "." + ns + ".svc.cluster.local");
    }

    private TlsMaterial ensureSecret() {
        for (int attempt = 0; attempt < 3; attempt++) {
            Secret existing = secrets().get();
            Optional<TlsMaterial> found = Optional.ofNullable(existing).flatMap(TlsSecret::read);
            Instant now = clock.instant();
            RenewalPolicy.Action action = RenewalPolicy.decide(found, wantedSans(), now, config.renewBefore());
            if (action == RenewalPolicy.Action.KEEP) {
                return found.get();
            }
            TlsMaterial issued = action == RenewalPolicy.Action.NEW_CA || found.isEmpty()
                    ? CertificateIssuer.issueAll(config.serviceName(), dnsNames(), config.ipSans(), now, config.caValidity(),
                            config.certificateValidity())
                    : CertificateIssuer.issueLeaf(found.get().caCertPem(), found.get().caKeyPem(), config.serviceName(),
                            dnsNames(), config.ipSans(), now, config.certificateValidity());
            Secret wanted = TlsSecret.of(config.namespace(), config.secretName(), issued);
            try {
                if (existing == null) {
                    client.secrets().inNamespace(config.namespace()).resource(wanted).create();
                    Log.infof("created webhook certificate Secret %s/%s", config.namespace(), config.secretName());
                } else {
                    // resourceVersion makes this an optimistic update: 409 if another replica renewed first.
                    wanted.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                    client.secrets().inNamespace(config.namespace()).resource(wanted).update();
                    Log.infof("renewed webhook certificate in Secret %s/%s (%s)", config.namespace(), config.secretName(), action);
                }
                return issued;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Another replica created or renewed it first: read and use theirs.
            }
        }
        throw new IllegalStateException("the webhook certificate Secret " + config.namespace() + "/" + config.secretName()
                + " kept changing under us; giving up for now");
    }

    private Set<String> wantedSans() {
        Set<String> sans = new LinkedHashSet<>(dnsNames());
        config.ipSans().forEach(ip -> {
            try {
                sans.add(java.net.InetAddress.getByName(ip).getHostAddress());
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + ip, e);
            }
        });
        return sans;
    }

    /** Sets every webhook's caBundle of our configuration to the CA, where it differs. */
    private void patchCaBundle(String caPem) {
        ValidatingWebhookConfiguration vwc = client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(config.configurationName()).get();
        if (vwc == null) {
            Log.warnf("ValidatingWebhookConfiguration %s not found: nothing calls the webhook (is the chart installed?)",
                    config.configurationName());
            return;
        }
        String bundle = TlsSecret.base64(caPem);
        List<String> ops = new ArrayList<>();
        List<ValidatingWebhook> webhooks = vwc.getWebhooks();
        for (int i = 0; i < webhooks.size(); i++) {
            if (!Objects.equals(bundle, webhooks.get(i).getClientConfig().getCaBundle())) {
                // The test op makes the patch fail rather than hit another webhook if the list moved.
                ops.add("{\"op\":\"test\",\"path\":\"/webhooks/" + i + "/name\",\"value\":\"" + webhooks.get(i).getName() + "\"}");
                ops.add("{\"op\":\"add\",\"path\":\"/webhooks/" + i + "/clientConfig/caBundle\",\"value\":\"" + bundle + "\"}");
            }
        }
        if (!ops.isEmpty()) {
            client.admissionRegistration().v1().validatingWebhookConfigurations().withName(config.configurationName())
                    .patch(PatchContext.of(PatchType.JSON), "[" + String.join(",", ops) + "]");
            Log.infof("patched caBundle of ValidatingWebhookConfiguration %s", config.configurationName());
        }
    }

    private io.fabric8.kubernetes.client.dsl.Resource<Secret> secrets() {
        return client.secrets().inNamespace(config.namespace()).withName(config.secretName());
    }
}

package io.tessera.gateway.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.tessera.api.Constants;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One namespace per group, created and labelled by the gateway. Idempotent. A namespace that
 * exists without the group label (or carries another group's) is never adopted silently: it could
 * hold someone else's workloads, and the group's quota would then not describe what runs there.
 */
@ApplicationScoped
public class GroupNamespaces {

    /** Value of app.kubernetes.io/managed-by on namespaces the gateway owns. */
    public static final String MANAGER = "tessera-gateway";

    @Inject
    KubernetesClient client;

    @Inject
    KubernetesSettings settings;

    /** Creates the group's namespace, or checks that the existing one is ours and this group's. */
    public void ensure(String group, String namespace) {
        if (!settings.enabled()) {
            return;
        }
        try {
            Namespace existing = client.namespaces().withName(namespace).get();
            if (existing == null) {
                create(group, namespace);
            } else {
                check(group, existing);
            }
        } catch (KubernetesClientException e) {
            throw new ApiException(503, "cannot create namespace " + namespace + " for group " + group
                    + ": Kubernetes API error " + e.getCode() + ": " + Optional.ofNullable(e.getStatus())
                    .map(s -> s.getMessage()).orElse(e.getMessage()));
        }
    }

    /** The problem with the group's namespace, or empty when it is present and ours. */
    public Optional<String> problem(String group, String namespace) {
        try {
            ensure(group, namespace);
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Labels of a namespace the gateway creates: the group, the manager and the configured Pod Security level. */
    Map<String, String> labels(String group) {
        Map<String, String> labels = new HashMap<>(Map.of(Constants.LABEL_GROUP, group, Constants.LABEL_MANAGED_BY, MANAGER));
        settings.namespacePodSecurity().ifPresent(level -> labels.putAll(level.namespaceLabels()));
        return labels;
    }

    private void create(String group, String namespace) {
        try {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .withLabels(labels(group)).endMetadata().build()).create();
            Log.infof("created namespace %s for group %s", namespace, group);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Created concurrently (another gateway replica): fine if it is ours.
            check(group, client.namespaces().withName(namespace).get());
        }
    }

    /**
     * A namespace is the group's when its {@code tessera.io/group} label says so: the same label
     * puts it under the quota webhook, and only someone allowed to label namespaces (a cluster admin,
     * the chart's namespace bootstrap, a GitOps tool) can set it. The manager label is not required:
     * Helm and Flux overwrite {@code app.kubernetes.io/managed-by} on every object they create.
     */
    private static void check(String group, Namespace namespace) {
        Map<String, String> labels = Optional.ofNullable(namespace.getMetadata().getLabels()).orElse(Map.of());
        String name = namespace.getMetadata().getName();
        String owner = labels.get(Constants.LABEL_GROUP);
        if (owner == null) {
            throw ApiException.conflict("namespace " + name + " already exists and is not a Tessera group namespace"
                    + " (label " + Constants.LABEL_GROUP + " missing); it is not adopted: give group " + group
                    + " another namespace, or label the namespace " + Constants.LABEL_GROUP + "=" + group
                    + " if it really is the group's");
        }
        if (!group.equals(owner)) {
            throw ApiException.conflict("namespace " + name + " belongs to group " + owner + ", not to group " + group);
        }
    }
}

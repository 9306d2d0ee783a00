package io.tessera.gateway.webhook;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.api.Constants;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/**
 * The quota group of a namespace. The database ({@code tenant_group.namespace}) is the truth,
 * because reservations are booked under the group's namespace. A namespace labelled
 * {@code tessera.io/group} that no group owns is a misconfiguration: denied (fail closed) rather
 * than run uncharged. Other namespaces are not Tessera's business.
 */
@ApplicationScoped
public class ManagedNamespaces {

    @Inject
    GroupRepository groups;

    @Inject
    KubernetesClient client;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<GroupEntity> groupOf(String namespace) {
        Optional<GroupEntity> group = groups.find("namespace", namespace).firstResultOptional();
        if (group.isPresent()) {
            return group;
        }
        // Only reached when the webhook configuration's namespaceSelector let an unknown namespace through.
        Namespace ns = client.namespaces().withName(namespace).get();
        String label = Optional.ofNullable(ns).map(n -> n.getMetadata().getLabels()).orElse(Map.of()).get(Constants.LABEL_GROUP);
        if (label != null) {
            throw new ApiException(403, "namespace " + namespace + " is labelled " + Constants.LABEL_GROUP + "=" + label
                    + " but no Tessera group has this namespace; ask an admin to create the group or fix the label");
        }
        return Optional.empty();
    }
}

package io.tessera.operator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The namespace the operator runs in: where its Lease lives and where the source Secrets of
 * {@code tessera.operator.image-pull-secrets} are read. The leader-election setting
 * {@code tessera.operator.leader-election.lease-namespace} when set (the chart sets it to the
 * release namespace; out of cluster it is required), else the client's namespace, which in a pod
 * is the pod's own (the service account's namespace file) - the same rule JOSDK uses for the Lease.
 */
@ApplicationScoped
public class OperatorNamespace {

    @Inject
    OperatorConfig config;
    @Inject
    KubernetesClient client;

    public String name() {
        return config.leaderElection().leaseNamespace().orElseGet(client::getNamespace);
    }
}

package io.tessera.operator.arraycluster;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.desired.NetworkPolicyDrift;
import io.tessera.operator.arraycluster.desired.NetworkPolicyFactory;
import io.tessera.operator.common.EventRecorder;
import io.tessera.operator.config.NamespaceNames;
import io.tessera.operator.config.OperatorConfig;

/**
 * Keeps each ArrayCluster's NetworkPolicy ({@link NetworkPolicyFactory}): applies it when it is
 * missing or differs from the desired one (someone edited it, or the settings changed), and when
 * the setting is off deletes the policy the operator created earlier. A failure is reported on the
 * cluster and retried; it does not hold up the cluster's pods.
 */
@ApplicationScoped
public class NetworkPolicyKeeper {

    static final String ALLOWED_NAMESPACES = "tessera.operator.network-policy.allowed-namespaces";
    static final Duration RETRY = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;
    @Inject
    EventRecorder events;

    /** A bad namespace name stops the operator at start instead of failing every cluster's policy. */
    void checkSettings(@Observes StartupEvent start) {
        allowedNamespaces();
    }

    /**
     * @param owned the NetworkPolicies the informer maps to this cluster (owner reference)
     * @param recheck where to add when to try again after a failure
     */
    public void reconcile(ArrayCluster cluster, Collection<NetworkPolicy> owned, List<Duration> recheck) {
        String name = ClusterNames.networkPolicy(cluster.getMetadata().getName());
        Optional<NetworkPolicy> current = owned.stream().filter(p -> name.equals(p.getMetadata().getName()))
                .findFirst();
        try {
            if (config.networkPolicy().enabled()) {
                ensure(cluster, current);
            } else {
                current.filter(p -> NetworkPolicyDrift.controlledBy(p, cluster.getMetadata().getUid()))
                        .ifPresent(p -> remove(cluster, p));
            }
        } catch (KubernetesClientException e) {
            Log.warnf("%s: network policy %s: %s", ClusterKeys.of(cluster), name, e.getMessage());
            events.warning(cluster, "NetworkPolicyFailed", "could not " + (config.networkPolicy().enabled()
                    ? "apply" : "delete") + " network policy " + name + ": " + e.getMessage());
            recheck.add(RETRY);
        }
    }

    private void ensure(ArrayCluster cluster, Optional<NetworkPolicy> current) {
        NetworkPolicy desired = NetworkPolicyFactory.desired(cluster, allowedNamespaces());
        Optional<String> drift = current.isEmpty() ? Optional.of("missing")
                : NetworkPolicyDrift.between(desired, current.get());
        if (drift.isEmpty()) {
            return;
        }
        // Forced: the operator takes back fields someone else changed (ingress is an atomic list).
        client.resource(desired).fieldManager(config.fieldManager()).forceConflicts().serverSideApply();
        String name = desired.getMetadata().getName();
        if (current.isPresent()) {
            events.normal(cluster, "NetworkPolicyUpdated", "network policy " + name + " differed from the desired one ("
                    + drift.get() + "); re-applied");
            Log.infof("%s: network policy %s re-applied (%s differed)", ClusterKeys.of(cluster), name, drift.get());
        } else {
            Log.infof("%s: network policy %s applied", ClusterKeys.of(cluster), name);
        }
    }

    private void remove(ArrayCluster cluster, NetworkPolicy policy) {
        client.resource(policy).delete();
        events.normal(cluster, "NetworkPolicyRemoved", "network policy " + policy.getMetadata().getName()
                + " deleted: tessera.operator.network-policy.enabled is false");
        Log.infof("%s: network policy %s deleted (network policies are off)", ClusterKeys.of(cluster),
                policy.getMetadata().getName());
    }

    private List<String> allowedNamespaces() {
        return NamespaceNames.check(ALLOWED_NAMESPACES, config.networkPolicy().allowedNamespaces());
    }
}

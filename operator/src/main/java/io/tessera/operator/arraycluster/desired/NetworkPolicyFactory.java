package io.tessera.operator.arraycluster.desired;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.common.ClusterLabels;

/**
 * Desired NetworkPolicy of an ArrayCluster. Pure: same input, same policy.
 *
 * <p>A namespace-wide policy cannot say "only pods of the same cluster" (selectors match label
 * values, they cannot compare them), so each cluster gets its own. It selects the cluster's
 * scheduler and worker pods and admits ingress only from
 * <ol>
 * <li>the same cluster's scheduler and workers, on any port (Dask workers listen on random ports);</li>
 * <li>the runner pods of the ArrayJob that owns the cluster (they already carry the cluster's
 * {@code tessera.io/cluster} label and component {@code runner}), on any port;</li>
 * <li>every pod of the allowed namespaces (operator, gateway, monitoring), by
 * {@code kubernetes.io/metadata.name}, on the scheduler's comm port and the dashboard/HTTP API port
 * only: the gateway's proxies, the operator's scheduler API calls and metrics scrapes need no more;</li>
 * <li>pods of the cluster's namespace labelled {@code tessera.io/client-of: <cluster>} (notebooks
 * connecting directly), on any port, since a Dask client also talks to workers.</li>
 * </ol>
 * Only ingress is restricted; egress is the chart's business.
 */
public final class NetworkPolicyFactory {

    /** The label every namespace carries with its own name (set by the API server). */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    static final String INGRESS = "Ingress";

    private NetworkPolicyFactory() {
    }

    /** @param allowedNamespaces namespaces whose pods may reach the scheduler's ports; may be empty */
    public static NetworkPolicy desired(ArrayCluster cluster, Collection<String> allowedNamespaces) {
        String name = cluster.getMetadata().getName();
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        rules.add(fromPods(clusterPods(name)));
        runOf(cluster).ifPresent(run -> rules.add(fromPods(podsWithLabels(Map.of(
                Constants.LABEL_NAME, ClusterLabels.APP,
                Constants.LABEL_CLUSTER, name,
                Constants.LABEL_COMPONENT, ClusterLabels.RUNNER)))));
        if (!allowedNamespaces.isEmpty()) {
            rules.add(fromNamespaces(allowedNamespaces));
        }
        rules.add(fromPods(podsWithLabels(Map.of(ClusterLabels.CLIENT_OF, name))));
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(ClusterNames.networkPolicy(name))
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(ClusterLabels.clusterWide(cluster))
                .withOwnerReferences(OwnerReferences.controller(cluster)).endMetadata()
                .withNewSpec()
                .withPodSelector(clusterPods(name))
                .withPolicyTypes(INGRESS)
                .withIngress(rules)
                .endSpec().build();
    }

    /**
     * The scheduler and workers of the cluster; not its runner, which serves nothing and is the
     * ArrayJob's pod. Runner pods carry the same {@code tessera.io/cluster} label, hence the component.
     */
    static LabelSelector clusterPods(String cluster) {
        return new LabelSelectorBuilder()
                .withMatchLabels(new TreeMap<>(Map.of(Constants.LABEL_NAME, ClusterLabels.APP,
                        Constants.LABEL_CLUSTER, cluster)))
                .addNewMatchExpression().withKey(Constants.LABEL_COMPONENT).withOperator("In")
                .withValues(ClusterLabels.SCHEDULER, ClusterLabels.WORKER).endMatchExpression()
                .build();
    }

    /** The ArrayJob whose run this cluster is: its controller owner reference of that kind. */
    static Optional<String> runOf(ArrayCluster cluster) {
        return Optional.ofNullable(cluster.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                .filter(ref -> Boolean.TRUE.equals(ref.getController()))
                .filter(ref -> Constants.ARRAY_JOB_KIND.equals(ref.getKind())
                        && Constants.API_VERSION.equals(ref.getApiVersion()))
                .map(OwnerReference::getName).findFirst();
    }

    private static LabelSelector podsWithLabels(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(new TreeMap<>(labels)).build();
    }

    /** A peer with only a pod selector means pods of the policy's own namespace; no ports means all. */
    private static NetworkPolicyIngressRule fromPods(LabelSelector pods) {
        return new NetworkPolicyIngressRuleBuilder()
                .withFrom(new NetworkPolicyPeerBuilder().withPodSelector(pods).build()).build();
    }

    private static NetworkPolicyIngressRule fromNamespaces(Collection<String> namespaces) {
        LabelSelector byName = new LabelSelectorBuilder().addNewMatchExpression().withKey(NAMESPACE_NAME_LABEL)
                .withOperator("In").withValues(List.copyOf(new TreeSet<>(namespaces))).endMatchExpression().build();
        return new NetworkPolicyIngressRuleBuilder()
                .withFrom(new NetworkPolicyPeerBuilder().withNamespaceSelector(byName).build())
                .withPorts(tcp(ClusterNames.COMM_PORT), tcp(ClusterNames.DASHBOARD_PORT))
                .build();
    }

    private static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort tcp(int port) {
        return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
    }
}

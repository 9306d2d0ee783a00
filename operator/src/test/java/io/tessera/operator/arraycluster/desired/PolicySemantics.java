package io.tessera.operator.arraycluster.desired;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * What a NetworkPolicy admits, evaluated as the Kubernetes documentation defines it (kwok, like
 * the API server, does not enforce policies, so the rule tests ask this instead of a network):
 * a rule admits when one of its peers matches the source (no peers: every source) and one of its
 * ports the destination port (no ports: every port); a peer with only a pod selector means pods of
 * the policy's namespace; namespaces are matched by their {@code kubernetes.io/metadata.name} label.
 */
final class PolicySemantics {

    /** A pod as a policy sees it. */
    record PodRef(String namespace, Map<String, String> labels) {
    }

    private PolicySemantics() {
    }

    static boolean selects(NetworkPolicy policy, PodRef pod) {
        return policy.getMetadata().getNamespace().equals(pod.namespace())
                && matches(policy.getSpec().getPodSelector(), pod.labels());
    }

    /** Whether {@code from} may open a TCP connection to {@code port} of {@code to}, which the policy must select. */
    static boolean admits(NetworkPolicy policy, PodRef from, PodRef to, int port) {
        if (!selects(policy, to)) {
            throw new IllegalArgumentException("the policy does not select " + to);
        }
        return policy.getSpec().getIngress().stream()
                .anyMatch(rule -> portMatches(rule, port) && peerMatches(rule, policy, from));
    }

    private static boolean portMatches(NetworkPolicyIngressRule rule, int port) {
        List<NetworkPolicyPort> ports = Optional.ofNullable(rule.getPorts()).orElse(List.of());
        return ports.isEmpty() || ports.stream().anyMatch(p -> "TCP".equals(p.getProtocol())
                && p.getPort().getIntVal() == port);
    }

    private static boolean peerMatches(NetworkPolicyIngressRule rule, NetworkPolicy policy, PodRef from) {
        List<NetworkPolicyPeer> peers = Optional.ofNullable(rule.getFrom()).orElse(List.of());
        return peers.isEmpty() || peers.stream().anyMatch(peer -> {
            boolean namespace = peer.getNamespaceSelector() == null
                    ? policy.getMetadata().getNamespace().equals(from.namespace())
                    : matches(peer.getNamespaceSelector(),
                            Map.of(NetworkPolicyFactory.NAMESPACE_NAME_LABEL, from.namespace()));
            return peer.getIpBlock() == null && namespace
                    && (peer.getPodSelector() == null || matches(peer.getPodSelector(), from.labels()));
        });
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        boolean byLabel = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        return byLabel && Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).stream()
                .allMatch(expression -> matches(expression, labels));
    }

    private static boolean matches(LabelSelectorRequirement expression, Map<String, String> labels) {
        String value = labels.get(expression.getKey());
        return switch (expression.getOperator()) {
            case "In" -> value != null && expression.getValues().contains(value);
            case "NotIn" -> value == null || !expression.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown operator " + expression.getOperator());
        };
    }
}

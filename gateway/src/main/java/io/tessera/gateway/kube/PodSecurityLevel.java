package io.tessera.gateway.kube;

import java.util.Locale;
import java.util.Map;

/** A Pod Security Standard level, as the {@code pod-security.kubernetes.io/*} namespace labels name it. */
public enum PodSecurityLevel {
    RESTRICTED, BASELINE, PRIVILEGED;

    /** The labels that make a namespace enforce this level and warn and audit at it too. */
    public Map<String, String> namespaceLabels() {
        String level = name().toLowerCase(Locale.ROOT);
        return Map.of("pod-security.kubernetes.io/enforce", level, "pod-security.kubernetes.io/warn", level,
                "pod-security.kubernetes.io/audit", level);
    }
}

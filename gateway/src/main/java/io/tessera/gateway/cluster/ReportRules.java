package io.tessera.gateway.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which of a report's fields a caller sees (pure; protocol ref. §2.3, contract of issue 14):
 * {@code dashboard_route} only while RUNNING with the dashboard on; {@code tls_cert}/{@code tls_key}
 * only while RUNNING and only for the cluster's owner. The credentials are looked up only when they
 * will be shown, so a PENDING cluster or another caller never costs a Secret read.
 */
public final class ReportRules {

    private ReportRules() {
    }

    /** The dashboard page the gateway proxies, relative to its public address. */
    public static String dashboardRoute(String name) {
        return "/clusters/" + name + "/status";
    }

    /**
     * @param owner whether the caller owns the cluster (the dask-gateway API is owner-only today,
     *     so its reports always pass true; the rule stays here so that any other caller gets none)
     * @param dashboardEnabled the ArrayCluster's {@code spec.scheduler.dashboard.enabled} (default true)
     * @param credentials the cluster's Secret, read on demand; empty when missing or unreadable
     */
    public static ClusterReport report(String name, ClusterState state, long startTime, Long stopTime,
                                       Map<String, Object> options, boolean owner, boolean dashboardEnabled,
                                       Supplier<Optional<ClusterCredentials>> credentials) {
        boolean running = state == ClusterState.RUNNING;
        String route = running && dashboardEnabled ? dashboardRoute(name) : null;
        Optional<ClusterCredentials> shown = running && owner ? credentials.get() : Optional.empty();
        return new ClusterReport(name, state, startTime, stopTime, route, options,
                shown.map(ClusterCredentials::certificate).orElse(null), shown.map(ClusterCredentials::key).orElse(null));
    }
}

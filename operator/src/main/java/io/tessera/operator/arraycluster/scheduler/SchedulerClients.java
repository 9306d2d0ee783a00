package io.tessera.operator.arraycluster.scheduler;

import java.net.URI;
import java.net.http.HttpClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.config.OperatorConfig;

/**
 * Resolves a cluster's scheduler HTTP address from the configured template and hands out clients.
 * The scheduler serves every route under its dashboard prefix ({@link ClusterNames#dashboardPrefix}),
 * which the operator sets on the scheduler pod itself, so it is appended here, not configured.
 */
@ApplicationScoped
public class SchedulerClients {

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    OperatorConfig config;

    public SchedulerApi forCluster(ArrayCluster cluster) {
        return new SchedulerApi(http, apiBase(config.schedulerUrl(), cluster), config.schedulerTimeout());
    }

    /** The template's address plus the cluster's route prefix, e.g. {@code http://demo-scheduler.ns.svc:8787/clusters/demo/}. */
    public static URI apiBase(String template, ArrayCluster cluster) {
        String address = address(template, cluster).toString();
        return URI.create(address.replaceAll("/+$", "") + ClusterNames.dashboardPrefix(cluster.getMetadata().getName()));
    }

    /** The template with {name} and {namespace} of the cluster filled in. */
    public static URI address(String template, ArrayCluster cluster) {
        return URI.create(template.replace("{name}", cluster.getMetadata().getName())
                .replace("{namespace}", cluster.getMetadata().getNamespace()));
    }
}

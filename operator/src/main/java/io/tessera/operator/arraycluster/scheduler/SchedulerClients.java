package io.tessera.operator.arraycluster.scheduler;

import java.net.URI;
import java.net.http.HttpClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.config.OperatorConfig;

/** Resolves a cluster's scheduler HTTP address from the configured template and hands out clients. */
@ApplicationScoped
public class SchedulerClients {

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    OperatorConfig config;

    public SchedulerApi forCluster(ArrayCluster cluster) {
        return new SchedulerApi(http, address(config.schedulerUrl(), cluster), config.schedulerTimeout());
    }

    /** The template with {name} and {namespace} of the cluster filled in. */
    public static URI address(String template, ArrayCluster cluster) {
        return URI.create(template.replace("{name}", cluster.getMetadata().getName())
                .replace("{namespace}", cluster.getMetadata().getNamespace()));
    }
}

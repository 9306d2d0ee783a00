package io.tessera.operator.arraycluster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;

/** The scheduler's API lives under the route prefix the operator gives it. */
class SchedulerClientsTest {

    private static final ArrayCluster CLUSTER = new ArrayClusterBuilder().withNewMetadata().withName("demo")
            .withNamespace("team").endMetadata().build();

    @Test
    void shouldAppendTheClustersRoutePrefixToTheConfiguredAddress() {
        assertThat(SchedulerClients.apiBase("http://{name}-scheduler.{namespace}.svc:8787", CLUSTER))
                .hasToString("http://demo-scheduler.team.svc:8787/clusters/demo/");
        assertThat(SchedulerClients.apiBase("http://127.0.0.1:4242/", CLUSTER))
                .hasToString("http://127.0.0.1:4242/clusters/demo/");
    }
}

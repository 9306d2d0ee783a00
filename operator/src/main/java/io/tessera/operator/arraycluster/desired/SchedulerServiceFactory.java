package io.tessera.operator.arraycluster.desired;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.ServiceSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.ServiceType;
import io.tessera.operator.common.ClusterLabels;

/** Desired Service in front of the scheduler: comm (8786) and dashboard/HTTP API (8787). */
public final class SchedulerServiceFactory {

    private SchedulerServiceFactory() {
    }

    public static Service desired(ArrayCluster cluster) {
        String name = cluster.getMetadata().getName();
        ServiceSpec service = Optional.ofNullable(cluster.getSpec().getScheduler()).map(SchedulerSpec::getService)
                .orElseGet(ServiceSpec::new);
        return new ServiceBuilder()
                .withNewMetadata().withName(ClusterNames.schedulerService(name))
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(ClusterLabels.all(cluster, ClusterLabels.SCHEDULER, Optional.empty()))
                .withAnnotations(service.getAnnotations())
                .withOwnerReferences(OwnerReferences.controller(cluster)).endMetadata()
                .withNewSpec()
                .withType(Optional.ofNullable(service.getType()).orElse(ServiceType.ClusterIP).name())
                .withSelector(ClusterLabels.selector(name, ClusterLabels.SCHEDULER, Optional.empty()))
                .withPorts(port("comm", ClusterNames.COMM_PORT), port("dashboard", ClusterNames.DASHBOARD_PORT))
                .endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.ServicePort port(String name, int number) {
        return new ServicePortBuilder().withName(name).withPort(number).withTargetPort(new IntOrString(name))
                .withProtocol("TCP").build();
    }
}

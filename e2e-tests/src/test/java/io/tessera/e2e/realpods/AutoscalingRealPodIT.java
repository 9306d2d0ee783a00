package io.tessera.e2e.realpods;

import static io.tessera.e2e.realpods.RealPods.POD_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tessera.e2e.support.ClusterNamespace;
import io.tessera.e2e.support.Python;

/**
 * Decisions the operator takes from the real scheduler's state: Adaptive scaling under a real
 * workload (workers added while tasks queue, retired once it is done) and the idle timeout.
 */
@EnabledIfSystemProperty(named = "tessera.realPods", matches = "true",
        disabledReason = "needs the real node and the installed operator (./tessera test runs it)")
class AutoscalingRealPodIT {

    @RegisterExtension
    static final ClusterNamespace ns = new ClusterNamespace("real-scale");

    /** 40 tasks of a second each on one single-threaded worker: the scheduler wants more workers. */
    private static final String WORKLOAD = RealPods.CONNECT + """
            import time
            client = connect()
            futures = client.map(lambda i: time.sleep(1) or i, range(40), pure=False)
            print("sum", sum(client.gather(futures)))
            """;

    @Test
    void addsWorkersWhileTasksQueueAndRetiresThemWhenIdle() {
        RealPods.apply(ns.namespace(), """
                apiVersion: tessera.io/v1alpha1
                kind: ArrayCluster
                metadata: {name: adaptive}
                spec:
                  worker:
                    minReplicas: 1
                    maxReplicas: 3
                    threads: 1
                    resources:
                      requests: {cpu: 50m, memory: 384Mi}
                      limits: {memory: 768Mi}
                  autoscaling:
                    mode: Adaptive
                    interval: 2s
                    cooldown: 2s
                    stabilizationWindow: 5s
                """);
        RealPods.waitFor(ns.namespace(), "ac/adaptive", "Ready", POD_TIMEOUT);
        RealPods.awaitReadyWorkers(ns.client(), ns.namespace(), "adaptive", 1);

        Python.Run workload = Python.start(WORKLOAD, RealPods.clientArgs(ns.client(), ns.namespace(), "adaptive"));
        RealPods.await("more than one ready worker while the tasks queue", POD_TIMEOUT,
                () -> RealPods.readyWorkers(ns.client(), ns.namespace(), "adaptive").size(), n -> n > 1);
        assertThat(workload.await(Duration.ofMinutes(3))).contains("sum 780");

        RealPods.await("the workers retired down to the minimum once idle", POD_TIMEOUT,
                () -> RealPods.pods(ns.client(), ns.namespace(), "adaptive", "worker").size(), n -> n == 1);
    }

    @Test
    void deletesAClusterThatStayedIdle() {
        RealPods.apply(ns.namespace(), """
                apiVersion: tessera.io/v1alpha1
                kind: ArrayCluster
                metadata: {name: idle}
                spec:
                  worker:
                    replicas: 1
                    resources:
                      requests: {cpu: 50m, memory: 384Mi}
                      limits: {memory: 768Mi}
                  idle:
                    timeout: 15s
                    action: Delete
                """);
        RealPods.waitFor(ns.namespace(), "ac/idle", "Ready", POD_TIMEOUT);
        RealPods.await("the idle cluster deleted", POD_TIMEOUT,
                () -> ns.client().genericKubernetesResources("tessera.io/v1alpha1", "ArrayCluster")
                        .inNamespace(ns.namespace()).withName("idle").get() == null, deleted -> deleted);
        RealPods.await("its pods gone", POD_TIMEOUT,
                () -> ns.client().pods().inNamespace(ns.namespace()).withLabel(RealPods.CLUSTER, "idle").list()
                        .getItems().size(), n -> n == 0);
    }
}

package io.tessera.operator.arraycluster;

import java.util.Map;
import java.util.Objects;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tessera.operator.arraycluster.scheduler.LocalDask;

/**
 * Starts a real Dask scheduler before the operator and points the operator's scheduler address at
 * it: the simulated scheduler pod is paired with a real scheduler process. The scheduler serves its
 * routes under the prefix of one ArrayCluster name, initArg {@value #CLUSTER}, so the test class
 * names its clusters so.
 */
public class LocalDaskResource implements QuarkusTestResourceLifecycleManager {

    /** initArg: the name of the ArrayCluster(s) the test class creates. */
    public static final String CLUSTER = "cluster";

    /** The running Dask of the current test class (one per class, started before Quarkus). */
    static LocalDask dask;

    private String cluster;

    @Override
    public void init(Map<String, String> initArgs) {
        cluster = Objects.requireNonNull(initArgs.get(CLUSTER), "@WithTestResource(initArgs = @ResourceArg(name = "
                + "LocalDaskResource.CLUSTER, value = <cluster name>))");
    }

    @Override
    public Map<String, String> start() {
        dask = new LocalDask(cluster).startScheduler();
        return Map.of("tessera.operator.scheduler-url", dask.httpRoot(),
                "tessera.operator.scheduler-timeout", "30s");
    }

    @Override
    public void stop() {
        try {
            dask.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

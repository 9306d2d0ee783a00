package io.tessera.operator.arraycluster;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tessera.operator.arraycluster.scheduler.LocalDask;

/**
 * Starts a real Dask scheduler before the operator and points the operator's scheduler address at
 * it: the simulated scheduler pod is paired with a real scheduler process.
 */
public class LocalDaskResource implements QuarkusTestResourceLifecycleManager {

    /** The running Dask of the current test class (one per class, started before Quarkus). */
    static LocalDask dask;

    @Override
    public Map<String, String> start() {
        dask = new LocalDask().startScheduler();
        return Map.of("tessera.operator.scheduler-url", dask.httpAddress().toString(),
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

package io.tessera.operator.arraycluster;

import org.junit.jupiter.api.AfterEach;

/**
 * Base of the tests that pair simulated pods with the real Dask scheduler of
 * {@link LocalDaskResource} (declare {@code @WithTestResource(LocalDaskResource.class)}).
 */
abstract class DaskOperatorIT extends OperatorIT {

    /** Runs before the base class deletes the namespace: no Dask worker outlives its test. */
    @AfterEach
    void stopDaskWorkers() throws InterruptedException {
        LocalDaskResource.dask.stopWorkersAndClients();
    }
}

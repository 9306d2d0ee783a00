package io.tessera.operator.arraycluster;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.operator.NamespacedIT;
import io.tessera.operator.common.Conditions;

/**
 * Base of the ArrayCluster integration tests: {@link NamespacedIT} plus cluster and worker helpers.
 */
abstract class OperatorIT extends NamespacedIT {

    /** Prefix of the per-test namespace, naming the test class in `kubectl get ns`. */
    abstract String namespacePrefix();

    @Override
    protected final String testNamespacePrefix() {
        return namespacePrefix();
    }

    /**
     * Deletes the test's ArrayClusters and waits until they are gone, before the namespace goes:
     * until then the operator keeps acting for them (even in a terminating namespace), and tests
     * that share one real Dask scheduler would see those clusters' retire calls take the next
     * test's workers.
     */
    @AfterEach
    void deleteClustersFirst() {
        client.resources(ArrayCluster.class).inNamespace(namespace).delete();
        await().atMost(TIMEOUT).until(() -> client.resources(ArrayCluster.class).inNamespace(namespace).list()
                .getItems().isEmpty());
    }

    /** Worker pods that are not being deleted. */
    List<Pod> workers() {
        return client.pods().inNamespace(namespace).withLabel(Constants.LABEL_COMPONENT, "worker").list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    ArrayCluster cluster(String name) {
        return client.resources(ArrayCluster.class).inNamespace(namespace).withName(name).get();
    }

    /** A merge patch, like kubectl patch: no resourceVersion, so the operator's status writes cannot conflict. */
    void patchSpec(String name, String specJson) {
        client.resources(ArrayCluster.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}");
    }

    /** The cluster's phase, or null before the operator first wrote status. */
    ArrayClusterPhase phase(String cluster) {
        return Optional.ofNullable(cluster(cluster).getStatus()).map(ArrayClusterStatus::getPhase).orElse(null);
    }

    Optional<Condition> condition(String cluster, String type) {
        return Optional.ofNullable(cluster(cluster).getStatus())
                .flatMap(status -> Conditions.find(status.getConditions(), type));
    }

    List<String> workerPods() {
        return workers().stream().map(Pod::getMetadata).map(ObjectMeta::getName).sorted().toList();
    }
}

package io.tessera.operator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpecBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpec;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpecBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.operator.arrayjob.desired.ArrayJobNames;
import io.tessera.operator.common.Conditions;

/**
 * Base of the ArrayJob and ScheduledJob integration tests. On the local cluster kwok completes
 * every running pod a Job owns (its pod-complete Stage), so a runner succeeds as soon as it is
 * scheduled. A runner that must stay active, or fail, gets a node selector no simulated node
 * matches ({@link #stuckRunner}): it stays Pending, and a test may then mark it Failed.
 */
public abstract class BatchIT extends NamespacedIT {

    /** A small cluster: the scheduler and one worker, both made Ready by kwok. */
    protected static ArrayClusterSpec smallCluster() {
        return new ArrayClusterSpecBuilder().withNewWorker().withReplicas(1).endWorker().build();
    }

    /** A runner the scheduler can place nowhere: it stays Pending until the test decides its fate. */
    protected static PodTemplateSpec stuckRunner() {
        return new PodTemplateSpecBuilder().withNewSpec().withNodeSelector(Map.of("tessera.io/test", "nowhere"))
                .endSpec().build();
    }

    protected static ArrayJobSpecBuilder jobSpec() {
        return new ArrayJobSpecBuilder().withCluster(smallCluster()).withNewRunner()
                .withCommand("python", "-c", "print('hello')").endRunner();
    }

    protected ArrayJob arrayJob(String name) {
        return client.resources(ArrayJob.class).inNamespace(namespace).withName(name).get();
    }

    protected ArrayJob createArrayJob(String name, ArrayJobSpec spec) {
        return client.resource(new ArrayJobBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().withSpec(spec).build()).create();
    }

    protected ArrayJobPhase runPhase(String name) {
        return Optional.ofNullable(arrayJob(name)).map(ArrayJob::getStatus).map(ArrayJobStatus::getPhase).orElse(null);
    }

    protected Optional<Condition> runCondition(String name, String type) {
        return Optional.ofNullable(arrayJob(name)).map(ArrayJob::getStatus)
                .flatMap(status -> Conditions.find(status.getConditions(), type));
    }

    protected Job runnerJob(String run) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(ArrayJobNames.job(run)).get();
    }

    protected List<Pod> runnerPods(String run) {
        return client.pods().inNamespace(namespace).withLabel("job-name", ArrayJobNames.job(run)).list().getItems();
    }
}

package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Schema-only twin of {@link WorkerSpec} without the scale marker, swapped in where an
 * ArrayCluster spec is embedded (ArrayJob, ScheduledJob): the CRD generator takes the first
 * {@code @SpecReplicas} it meets as the kind's scale subresource, and only ArrayCluster is
 * scalable. A test checks that both schemas stay identical.
 */
public class EmbeddedWorkerSpec extends WorkerGroupSpec {

    @Min(0)
    @Max(10000)
    @JsonPropertyDescription(REPLICAS_DESCRIPTION)
    private Integer replicas;

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
}

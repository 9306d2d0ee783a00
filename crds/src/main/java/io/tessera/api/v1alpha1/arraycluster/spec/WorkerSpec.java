package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import io.sundr.builder.annotations.Buildable;

/**
 * The primary worker group: the target of the ArrayCluster scale subresource
 * ({@code .spec.worker.replicas}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class WorkerSpec extends WorkerGroupSpec {

    @SpecReplicas
    @Min(0)
    @Max(10000)
    @JsonPropertyDescription(REPLICAS_DESCRIPTION)
    private Integer replicas;

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
}

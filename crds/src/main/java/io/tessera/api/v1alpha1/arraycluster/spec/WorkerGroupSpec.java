package io.tessera.api.v1alpha1.arraycluster.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.OpenObject;

/**
 * What every worker group has: replica bounds, resources, threads and pod overrides. The primary
 * group ({@link WorkerSpec}) and the additional groups ({@link AdditionalWorkerGroupSpec}) extend it
 * and each declare {@code replicas}, which the rules below check: the scale-subresource marker is a
 * field annotation and must sit on the primary group only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
@ValidationRule(value = "!has(self.minReplicas) || !has(self.maxReplicas) || self.minReplicas <= self.maxReplicas",
        message = "minReplicas must be less than or equal to maxReplicas")
@ValidationRule(value = "!has(self.replicas) || !has(self.minReplicas) || self.replicas >= self.minReplicas",
        message = "replicas must be greater than or equal to minReplicas")
@ValidationRule(value = "!has(self.replicas) || !has(self.maxReplicas) || self.replicas <= self.maxReplicas",
        message = "replicas must be less than or equal to maxReplicas")
public class WorkerGroupSpec {

    /** Description of {@code replicas}, which each subclass declares (only the primary carries the scale marker). */
    static final String REPLICAS_DESCRIPTION = "Number of workers wanted when autoscaling.mode is Manual or External "
            + "(HPA and `kubectl scale` write it through the scale subresource). Must lie within "
            + "minReplicas..maxReplicas when those are set. Unset means minReplicas, or 0.";

    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("Lower bound for the number of workers; the autoscaler never goes below it. Default 0.")
    private Integer minReplicas;

    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("Upper bound for the number of workers. Quota admission charges maxReplicas x the worker "
            + "requests unless the group charges actual replicas.")
    private Integer maxReplicas;

    @JsonPropertyDescription("Compute resources of each worker container (cpu, memory, nvidia.com/gpu), as in "
            + "`kubectl explain pod.spec.containers.resources`. Requests default to the limits; the worker's --nthreads and --memory-limit follow from them.")
    private ResourceRequirements resources;

    @Min(1)
    @Max(1024)
    @JsonPropertyDescription("Threads per worker process (dask-worker --nthreads). Default: the CPU request "
            + "rounded up, at least 1.")
    private Integer threads;

    @JsonPropertyDescription("Abstract Dask worker resources advertised by each worker, e.g. {\"GPU\": 1} so that "
            + "tasks annotated with resources={'GPU': 1} run only there.")
    private Map<String, Double> daskResources;

    @PreserveUnknownFields
    @SchemaFrom(type = OpenObject.class)
    @JsonPropertyDescription("Pod template merged over the worker pod Tessera generates (labels, annotations, "
            + "nodeSelector, tolerations, affinity, volumes, extra containers, container env by container name "
            + "`worker`). Fields Tessera must own (owner references, the worker command) cannot be overridden.")
    private PodTemplateSpec template;

    public Integer getMinReplicas() { return minReplicas; }
    public void setMinReplicas(Integer minReplicas) { this.minReplicas = minReplicas; }
    public Integer getMaxReplicas() { return maxReplicas; }
    public void setMaxReplicas(Integer maxReplicas) { this.maxReplicas = maxReplicas; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
    public Integer getThreads() { return threads; }
    public void setThreads(Integer threads) { this.threads = threads; }
    public Map<String, Double> getDaskResources() { return daskResources; }
    public void setDaskResources(Map<String, Double> daskResources) { this.daskResources = daskResources; }
    public PodTemplateSpec getTemplate() { return template; }
    public void setTemplate(PodTemplateSpec template) { this.template = template; }
}

package io.tessera.api.v1alpha1.arraycluster.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.sundr.builder.annotations.Buildable;

/** Resources requested by the cluster's pods, as Kubernetes quantities. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ResourceTotals {

    @JsonPropertyDescription("Total CPU requested, e.g. 8500m.")
    private String cpu;
    @JsonPropertyDescription("Total memory requested, e.g. 32Gi.")
    private String memory;
    @JsonPropertyDescription("Total nvidia.com/gpu requested.")
    private String gpu;

    public String getCpu() { return cpu; }
    public void setCpu(String cpu) { this.cpu = cpu; }
    public String getMemory() { return memory; }
    public void setMemory(String memory) { this.memory = memory; }
    public String getGpu() { return gpu; }
    public void setGpu(String gpu) { this.gpu = gpu; }
}

package io.tessera.api.v1alpha1.arrayjob.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.sundr.builder.annotations.Buildable;

/** Resources a run consumed, as metered from its pods' lifetimes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class UsageStatus {

    @JsonPropertyDescription("CPU cores x seconds requested by the run's pods.")
    private Long coreSeconds;
    @JsonPropertyDescription("Memory GiB x seconds requested by the run's pods.")
    private Long memoryGiBSeconds;
    @JsonPropertyDescription("GPUs x seconds requested by the run's pods.")
    private Long gpuSeconds;

    public Long getCoreSeconds() { return coreSeconds; }
    public void setCoreSeconds(Long coreSeconds) { this.coreSeconds = coreSeconds; }
    public Long getMemoryGiBSeconds() { return memoryGiBSeconds; }
    public void setMemoryGiBSeconds(Long memoryGiBSeconds) { this.memoryGiBSeconds = memoryGiBSeconds; }
    public Long getGpuSeconds() { return gpuSeconds; }
    public void setGpuSeconds(Long gpuSeconds) { this.gpuSeconds = gpuSeconds; }
}

package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.Validation;

/**
 * An extra worker group with its own shape (for example GPU or high-memory workers beside CPU
 * workers), identified by name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class AdditionalWorkerGroupSpec extends WorkerGroupSpec {

    @Required
    @Size(min = 1, max = 20)
    @Pattern(Validation.DNS_LABEL_PATTERN)
    @JsonPropertyDescription("Name of the group, unique within the cluster (a DNS label of at most 20 characters); "
            + "it appears in pod names and the tessera.io/worker-group label. `default` is the primary group.")
    private String name;

    @Min(-1000)
    @Max(1000)
    @JsonPropertyDescription("Relative priority when quota limits how many workers can be added: higher first. "
            + "The primary group has priority 0. Default 0.")
    private Integer priority;

    @Min(0)
    @Max(10000)
    @JsonPropertyDescription(REPLICAS_DESCRIPTION)
    private Integer replicas;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Integer getPriority() { return priority; }
    public void setPriority(Integer priority) { this.priority = priority; }
    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
}

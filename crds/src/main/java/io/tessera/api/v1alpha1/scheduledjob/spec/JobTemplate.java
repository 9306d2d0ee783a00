package io.tessera.api.v1alpha1.scheduledjob.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpec;

/** The ArrayJob each tick creates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class JobTemplate {

    @JsonPropertyDescription("Labels added to every run.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations added to every run.")
    private Map<String, String> annotations;

    @Required
    @JsonPropertyDescription("Spec of each run: an ArrayJob spec.")
    private ArrayJobSpec spec;

    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }
    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }
    public ArrayJobSpec getSpec() { return spec; }
    public void setSpec(ArrayJobSpec spec) { this.spec = spec; }
}

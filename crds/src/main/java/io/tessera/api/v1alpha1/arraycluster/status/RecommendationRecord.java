package io.tessera.api.v1alpha1.arraycluster.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.sundr.builder.annotations.Buildable;

/** One adaptive-target reading kept for the scale-down stabilisation window. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class RecommendationRecord {

    @JsonPropertyDescription("When the scheduler was asked (RFC 3339).")
    private String time;
    @JsonPropertyDescription("Workers it asked for, clamped to min/maxReplicas.")
    private Integer workers;

    public String getTime() { return time; }
    public void setTime(String time) { this.time = time; }
    public Integer getWorkers() { return workers; }
    public void setWorkers(Integer workers) { this.workers = workers; }
}

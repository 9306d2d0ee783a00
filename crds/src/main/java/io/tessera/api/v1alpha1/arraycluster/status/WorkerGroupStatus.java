package io.tessera.api.v1alpha1.arraycluster.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.sundr.builder.annotations.Buildable;

/** Worker counts of one worker group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class WorkerGroupStatus {

    @JsonPropertyDescription("Worker group name; `default` is the primary group.")
    private String name;
    @JsonPropertyDescription("Workers the operator is steering towards (after autoscaling and clamping).")
    private Integer desired;
    @JsonPropertyDescription("Worker pods that exist and are not being retired.")
    private Integer current;
    @JsonPropertyDescription("Workers whose pod is ready.")
    private Integer ready;
    @JsonPropertyDescription("Worker pods not yet running (unscheduled or starting).")
    private Integer pending;
    @JsonPropertyDescription("Workers the scheduler is retiring gracefully.")
    private Integer retiring;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Integer getDesired() { return desired; }
    public void setDesired(Integer desired) { this.desired = desired; }
    public Integer getCurrent() { return current; }
    public void setCurrent(Integer current) { this.current = current; }
    public Integer getReady() { return ready; }
    public void setReady(Integer ready) { this.ready = ready; }
    public Integer getPending() { return pending; }
    public void setPending(Integer pending) { this.pending = pending; }
    public Integer getRetiring() { return retiring; }
    public void setRetiring(Integer retiring) { this.retiring = retiring; }
}

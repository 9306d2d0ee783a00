package io.tessera.api.v1alpha1.scheduledjob.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.sundr.builder.annotations.Buildable;

/** One run of a ScheduledJob, as remembered in status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class RunRecord {

    @JsonPropertyDescription("Name of the ArrayJob, <scheduledjob>-<unix minutes of the tick>; unset for skipped ticks.")
    private String name;
    @JsonPropertyDescription("The cron tick the run belongs to (RFC 3339).")
    private String scheduledTime;
    @JsonPropertyDescription("Schedule or Manual.")
    private RunTrigger trigger;
    @JsonPropertyDescription("Active, Succeeded, Failed or Skipped.")
    private RunResult result;
    @JsonPropertyDescription("Why a tick was skipped or a run failed (CamelCase).")
    private String reason;
    @JsonPropertyDescription("When the run finished (RFC 3339).")
    private String completionTime;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getScheduledTime() { return scheduledTime; }
    public void setScheduledTime(String scheduledTime) { this.scheduledTime = scheduledTime; }
    public RunTrigger getTrigger() { return trigger; }
    public void setTrigger(RunTrigger trigger) { this.trigger = trigger; }
    public RunResult getResult() { return result; }
    public void setResult(RunResult result) { this.result = result; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getCompletionTime() { return completionTime; }
    public void setCompletionTime(String completionTime) { this.completionTime = completionTime; }
}

package io.tessera.api.v1alpha1.scheduledjob;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.api.v1alpha1.scheduledjob.status.ActiveRun;
import io.tessera.api.v1alpha1.scheduledjob.status.RunRecord;

/** Observed state of a ScheduledJob. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ScheduledJobStatus {

    @JsonPropertyDescription("metadata.generation last processed by the operator.")
    private Long observedGeneration;
    @Size(max = 32)
    @JsonPropertyDescription("Conditions: ScheduleValid, Suspended, Active, LastRunSucceeded.")
    private List<Condition> conditions;
    @JsonPropertyDescription("Runs (ArrayJobs) that have not finished.")
    private List<ActiveRun> active;
    @JsonPropertyDescription("Number of active runs (for display).")
    private Integer activeCount;
    @JsonPropertyDescription("Scheduled time of the last tick a run was created for (RFC 3339), as in CronJob.")
    private String lastScheduleTime;
    @JsonPropertyDescription("When the last successful run completed (RFC 3339).")
    private String lastSuccessfulTime;
    @JsonPropertyDescription("The next tick (RFC 3339); unset while suspended or when the schedule is invalid.")
    private String nextScheduleTime;
    @JsonPropertyDescription("Name of the most recently created run.")
    private String lastRun;
    @JsonPropertyDescription("Ticks missed in total (operator down, deadline passed, Forbid, Skip).")
    private Long missedRuns;
    @JsonPropertyDescription("Most recent runs and skipped ticks, newest first.")
    private List<RunRecord> recentRuns;

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public List<ActiveRun> getActive() { return active; }
    public void setActive(List<ActiveRun> active) { this.active = active; }
    public Integer getActiveCount() { return activeCount; }
    public void setActiveCount(Integer activeCount) { this.activeCount = activeCount; }
    public String getLastScheduleTime() { return lastScheduleTime; }
    public void setLastScheduleTime(String lastScheduleTime) { this.lastScheduleTime = lastScheduleTime; }
    public String getLastSuccessfulTime() { return lastSuccessfulTime; }
    public void setLastSuccessfulTime(String lastSuccessfulTime) { this.lastSuccessfulTime = lastSuccessfulTime; }
    public String getNextScheduleTime() { return nextScheduleTime; }
    public void setNextScheduleTime(String nextScheduleTime) { this.nextScheduleTime = nextScheduleTime; }
    public String getLastRun() { return lastRun; }
    public void setLastRun(String lastRun) { this.lastRun = lastRun; }
    public Long getMissedRuns() { return missedRuns; }
    public void setMissedRuns(Long missedRuns) { this.missedRuns = missedRuns; }
    public List<RunRecord> getRecentRuns() { return recentRuns; }
    public void setRecentRuns(List<RunRecord> recentRuns) { this.recentRuns = recentRuns; }
}

package io.tessera.api.v1alpha1.arrayjob;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.api.v1alpha1.arrayjob.status.UsageStatus;
import io.tessera.api.v1alpha1.common.Condition;

/** Observed state of an ArrayJob. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ArrayJobStatus {

    @JsonPropertyDescription("metadata.generation last processed by the operator.")
    private Long observedGeneration;
    @Size(max = 32)
    @JsonPropertyDescription("Conditions: Admitted, ClusterReady, Running, Complete, Failed.")
    private List<Condition> conditions;
    @JsonPropertyDescription("One-word summary for display: Queued, Provisioning, Running, Succeeded, Failed.")
    private ArrayJobPhase phase;
    @JsonPropertyDescription("Position in the group's admission queue while Queued (1 = next).")
    private Integer queuePosition;
    @JsonPropertyDescription("Runner attempts started so far.")
    private Integer attempts;
    @JsonPropertyDescription("Name of the run's ArrayCluster.")
    private String clusterName;
    @JsonPropertyDescription("Name of the runner batch/v1 Job.")
    private String jobName;
    @JsonPropertyDescription("When the run was admitted and started provisioning (RFC 3339).")
    private String startTime;
    @JsonPropertyDescription("When the run succeeded or failed (RFC 3339).")
    private String completionTime;
    @JsonPropertyDescription("CamelCase reason of a failure, e.g. BackoffLimitExceeded.")
    private String failureReason;
    @JsonPropertyDescription("Human-readable failure details.")
    private String failureMessage;
    @JsonPropertyDescription("Resources the run consumed.")
    private UsageStatus usage;

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public ArrayJobPhase getPhase() { return phase; }
    public void setPhase(ArrayJobPhase phase) { this.phase = phase; }
    public Integer getQueuePosition() { return queuePosition; }
    public void setQueuePosition(Integer queuePosition) { this.queuePosition = queuePosition; }
    public Integer getAttempts() { return attempts; }
    public void setAttempts(Integer attempts) { this.attempts = attempts; }
    public String getClusterName() { return clusterName; }
    public void setClusterName(String clusterName) { this.clusterName = clusterName; }
    public String getJobName() { return jobName; }
    public void setJobName(String jobName) { this.jobName = jobName; }
    public String getStartTime() { return startTime; }
    public void setStartTime(String startTime) { this.startTime = startTime; }
    public String getCompletionTime() { return completionTime; }
    public void setCompletionTime(String completionTime) { this.completionTime = completionTime; }
    public String getFailureReason() { return failureReason; }
    public void setFailureReason(String failureReason) { this.failureReason = failureReason; }
    public String getFailureMessage() { return failureMessage; }
    public void setFailureMessage(String failureMessage) { this.failureMessage = failureMessage; }
    public UsageStatus getUsage() { return usage; }
    public void setUsage(UsageStatus usage) { this.usage = usage; }
}

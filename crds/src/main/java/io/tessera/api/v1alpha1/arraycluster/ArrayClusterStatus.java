package io.tessera.api.v1alpha1.arraycluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import io.fabric8.generator.annotation.Size;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterPhase;
import io.tessera.api.v1alpha1.arraycluster.status.AutoscalerStatus;
import io.tessera.api.v1alpha1.arraycluster.status.ResourceTotals;
import io.tessera.api.v1alpha1.arraycluster.status.WorkerGroupStatus;
import io.tessera.api.v1alpha1.common.Condition;

/** Observed state of an ArrayCluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ArrayClusterStatus {

    @JsonPropertyDescription("metadata.generation last processed by the operator.")
    private Long observedGeneration;

    @Size(max = 32)
    @JsonPropertyDescription("Conditions: Admitted, SchedulerReady, WorkersReady, Ready, Scaling, "
            + "AutoscalerHealthy, Idle, Suspended, Degraded.")
    private List<Condition> conditions;

    @JsonPropertyDescription("One-word summary for display; read the conditions in automation.")
    private ArrayClusterPhase phase;

    @StatusReplicas
    @JsonPropertyDescription("Current primary-group workers (scale subresource).")
    private Integer replicas;

    @LabelSelector
    @JsonPropertyDescription("Label selector of the primary-group worker pods (scale subresource, for HPA).")
    private String selector;

    @JsonPropertyDescription("Ready workers over all groups.")
    private Integer readyWorkers;

    @JsonPropertyDescription("Desired workers over all groups.")
    private Integer desiredWorkers;

    @JsonPropertyDescription("Per-group worker counts.")
    private List<WorkerGroupStatus> workerGroups;

    @JsonPropertyDescription("Address Dask clients inside the Kubernetes cluster use, e.g. tls://name-scheduler.ns:8786.")
    private String schedulerAddress;

    @JsonPropertyDescription("URL of the Dask dashboard (through the gateway when one is configured).")
    private String dashboardUrl;

    @JsonPropertyDescription("How many times the scheduler pod was recreated.")
    private Integer schedulerRestarts;

    @JsonPropertyDescription("Resources requested by the scheduler and all worker pods.")
    private ResourceTotals requested;

    @JsonPropertyDescription("The autoscaler's last decision (Adaptive mode).")
    private AutoscalerStatus autoscaler;

    @JsonPropertyDescription("Since when the scheduler has reported idle (RFC 3339); unset while busy.")
    private String idleSince;

    @JsonPropertyDescription("When the scheduler pod was first created (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the cluster first became Ready (RFC 3339).")
    private String readyTime;

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public ArrayClusterPhase getPhase() { return phase; }
    public void setPhase(ArrayClusterPhase phase) { this.phase = phase; }
    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public String getSelector() { return selector; }
    public void setSelector(String selector) { this.selector = selector; }
    public Integer getReadyWorkers() { return readyWorkers; }
    public void setReadyWorkers(Integer readyWorkers) { this.readyWorkers = readyWorkers; }
    public Integer getDesiredWorkers() { return desiredWorkers; }
    public void setDesiredWorkers(Integer desiredWorkers) { this.desiredWorkers = desiredWorkers; }
    public List<WorkerGroupStatus> getWorkerGroups() { return workerGroups; }
    public void setWorkerGroups(List<WorkerGroupStatus> workerGroups) { this.workerGroups = workerGroups; }
    public String getSchedulerAddress() { return schedulerAddress; }
    public void setSchedulerAddress(String schedulerAddress) { this.schedulerAddress = schedulerAddress; }
    public String getDashboardUrl() { return dashboardUrl; }
    public void setDashboardUrl(String dashboardUrl) { this.dashboardUrl = dashboardUrl; }
    public Integer getSchedulerRestarts() { return schedulerRestarts; }
    public void setSchedulerRestarts(Integer schedulerRestarts) { this.schedulerRestarts = schedulerRestarts; }
    public ResourceTotals getRequested() { return requested; }
    public void setRequested(ResourceTotals requested) { this.requested = requested; }
    public AutoscalerStatus getAutoscaler() { return autoscaler; }
    public void setAutoscaler(AutoscalerStatus autoscaler) { this.autoscaler = autoscaler; }
    public String getIdleSince() { return idleSince; }
    public void setIdleSince(String idleSince) { this.idleSince = idleSince; }
    public String getStartTime() { return startTime; }
    public void setStartTime(String startTime) { this.startTime = startTime; }
    public String getReadyTime() { return readyTime; }
    public void setReadyTime(String readyTime) { this.readyTime = readyTime; }
}

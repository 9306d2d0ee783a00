package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.sundr.builder.annotations.Buildable;

/** Recovery from scheduler failure. Failed or evicted workers are always replaced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class FaultToleranceSpec {

    @Default("Recreate")
    @JsonPropertyDescription("Recreate: a failed scheduler pod is recreated (workers reconnect) up to "
            + "schedulerRestartLimit times. Fail: the cluster is marked Failed at the first scheduler failure. "
            + "Default Recreate.")
    private SchedulerRecovery schedulerRecovery;

    @Default("3")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("How many times the scheduler may be recreated before the cluster is marked Failed. "
            + "Default 3.")
    private Integer schedulerRestartLimit;

    public SchedulerRecovery getSchedulerRecovery() { return schedulerRecovery; }
    public void setSchedulerRecovery(SchedulerRecovery schedulerRecovery) { this.schedulerRecovery = schedulerRecovery; }
    public Integer getSchedulerRestartLimit() { return schedulerRestartLimit; }
    public void setSchedulerRestartLimit(Integer schedulerRestartLimit) { this.schedulerRestartLimit = schedulerRestartLimit; }
}

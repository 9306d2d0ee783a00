package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.Validation;

/**
 * Autoscaling policy. In Adaptive mode the operator asks the scheduler for its adaptive target and
 * writes the decision to status, never to spec, so GitOps and HPA never fight it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class AutoscalingSpec {

    @Default("Manual")
    @JsonPropertyDescription("Manual: spec replicas are the target. Adaptive: the operator polls the scheduler's "
            + "GET /api/v1/adaptive_target and clamps it to min/maxReplicas. External: an HPA or KEDA writes "
            + "replicas through the scale subresource. Default Manual.")
    private AutoscalingMode mode;

    @Default("5s")
    @Pattern(Validation.DURATION_PATTERN)
    @ValidationRule(value = Validation.POSITIVE_DURATION_RULE, message = Validation.POSITIVE_DURATION_MESSAGE)
    @JsonPropertyDescription("Adaptive mode: how often the scheduler is asked for its target. Default 5s.")
    private String interval;

    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Most workers added in one decision. Unset: no limit.")
    private Integer maxScaleUpStep;

    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Most workers retired in one decision. Unset: no limit.")
    private Integer maxScaleDownStep;

    @Default("60s")
    @Pattern(Validation.DURATION_PATTERN)
    @JsonPropertyDescription("Scale-down stabilisation window: the highest target seen within it is used, so a "
            + "brief dip does not retire workers. Default 60s; 0s disables it.")
    private String stabilizationWindow;

    @Default("10s")
    @Pattern(Validation.DURATION_PATTERN)
    @JsonPropertyDescription("Minimum time between two scaling actions. Default 10s.")
    private String cooldown;

    @Default("true")
    @JsonPropertyDescription("Do not scale down while workers of the cluster are still pending: a pending worker "
            + "means the target was just raised. Default true.")
    private Boolean holdScaleDownWhilePending;

    public AutoscalingMode getMode() { return mode; }
    public void setMode(AutoscalingMode mode) { this.mode = mode; }
    public String getInterval() { return interval; }
    public void setInterval(String interval) { this.interval = interval; }
    public Integer getMaxScaleUpStep() { return maxScaleUpStep; }
    public void setMaxScaleUpStep(Integer maxScaleUpStep) { this.maxScaleUpStep = maxScaleUpStep; }
    public Integer getMaxScaleDownStep() { return maxScaleDownStep; }
    public void setMaxScaleDownStep(Integer maxScaleDownStep) { this.maxScaleDownStep = maxScaleDownStep; }
    public String getStabilizationWindow() { return stabilizationWindow; }
    public void setStabilizationWindow(String stabilizationWindow) { this.stabilizationWindow = stabilizationWindow; }
    public String getCooldown() { return cooldown; }
    public void setCooldown(String cooldown) { this.cooldown = cooldown; }
    public Boolean getHoldScaleDownWhilePending() { return holdScaleDownWhilePending; }
    public void setHoldScaleDownWhilePending(Boolean holdScaleDownWhilePending) { this.holdScaleDownWhilePending = holdScaleDownWhilePending; }
}

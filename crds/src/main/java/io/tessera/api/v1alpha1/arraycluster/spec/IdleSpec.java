package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.Validation;

/** Idle culling, based on the scheduler's own idle state (no tasks, no clients' work). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class IdleSpec {

    @Pattern(Validation.DURATION_PATTERN)
    @ValidationRule(value = Validation.POSITIVE_DURATION_RULE, message = Validation.POSITIVE_DURATION_MESSAGE)
    @JsonPropertyDescription("How long the scheduler must report idle before the action is taken. Unset: never.")
    private String timeout;

    @Default("ScaleToZero")
    @JsonPropertyDescription("Delete removes the ArrayCluster; Suspend sets spec.suspend (scheduler and workers "
            + "removed, object kept); ScaleToZero retires all workers and keeps the scheduler. Default ScaleToZero, "
            + "which never fights a GitOps tool that owns the object.")
    private IdleAction action;

    public String getTimeout() { return timeout; }
    public void setTimeout(String timeout) { this.timeout = timeout; }
    public IdleAction getAction() { return action; }
    public void setAction(IdleAction action) { this.action = action; }
}

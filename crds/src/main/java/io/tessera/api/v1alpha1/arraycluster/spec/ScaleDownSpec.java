package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.Validation;

/**
 * Graceful scale-down: the operator decides how many workers go, the scheduler decides which
 * (POST /api/v1/retire_workers), and pods are deleted only after it confirms.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ScaleDownSpec {

    @Default("10m")
    @Pattern(Validation.DURATION_PATTERN)
    @ValidationRule(value = Validation.POSITIVE_DURATION_RULE, message = Validation.POSITIVE_DURATION_MESSAGE)
    @JsonPropertyDescription("How long a retiring worker may take to hand its data over before its pod is deleted "
            + "anyway (with a Warning event). Default 10m.")
    private String drainTimeout;

    public String getDrainTimeout() { return drainTimeout; }
    public void setDrainTimeout(String drainTimeout) { this.drainTimeout = drainTimeout; }
}

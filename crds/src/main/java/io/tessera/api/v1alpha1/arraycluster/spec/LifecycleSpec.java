package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.Validation;

/** Time limits on the life of a cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class LifecycleSpec {

    @Default("10m")
    @Pattern(Validation.DURATION_PATTERN)
    @ValidationRule(value = Validation.POSITIVE_DURATION_RULE, message = Validation.POSITIVE_DURATION_MESSAGE)
    @JsonPropertyDescription("How long the scheduler may take to become ready before the cluster is marked "
            + "Failed with reason ProvisioningTimeout. Default 10m.")
    private String provisioningTimeout;

    @Pattern(Validation.DURATION_PATTERN)
    @ValidationRule(value = Validation.POSITIVE_DURATION_RULE, message = Validation.POSITIVE_DURATION_MESSAGE)
    @JsonPropertyDescription("The cluster is deleted this long after it was created. Unset: no limit.")
    private String maxLifetime;

    public String getProvisioningTimeout() { return provisioningTimeout; }
    public void setProvisioningTimeout(String provisioningTimeout) { this.provisioningTimeout = provisioningTimeout; }
    public String getMaxLifetime() { return maxLifetime; }
    public void setMaxLifetime(String maxLifetime) { this.maxLifetime = maxLifetime; }
}

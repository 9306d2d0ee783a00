package io.tessera.api.v1alpha1.arrayjob.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.Validation;

/** Cleanup of the run's ephemeral cluster after success and after failure. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class CleanupSpec {

    @Default("Delete")
    @JsonPropertyDescription("Cluster cleanup after the runner succeeded: Delete (default), Keep or KeepFor.")
    private CleanupAction onSuccess;

    @Default("KeepFor")
    @JsonPropertyDescription("Cluster cleanup after the run failed: Delete, Keep or KeepFor (default, so that "
            + "logs and the dashboard can be inspected).")
    private CleanupAction onFailure;

    @Default("1h")
    @Pattern(Validation.DURATION_PATTERN)
    @ValidationRule(value = Validation.POSITIVE_DURATION_RULE, message = Validation.POSITIVE_DURATION_MESSAGE)
    @JsonPropertyDescription("How long a KeepFor cluster is kept after the run ended. Default 1h.")
    private String keepFor;

    public CleanupAction getOnSuccess() { return onSuccess; }
    public void setOnSuccess(CleanupAction onSuccess) { this.onSuccess = onSuccess; }
    public CleanupAction getOnFailure() { return onFailure; }
    public void setOnFailure(CleanupAction onFailure) { this.onFailure = onFailure; }
    public String getKeepFor() { return keepFor; }
    public void setKeepFor(String keepFor) { this.keepFor = keepFor; }
}

package io.tessera.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.sundr.builder.annotations.Buildable;

/**
 * A Kubernetes-style condition (the shape of {@code metav1.Condition}), documented for
 * {@code kubectl explain}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class Condition {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    @Required
    @Size(min = 1, max = 316)
    @JsonPropertyDescription("Type of the condition in CamelCase, e.g. Ready.")
    private String type;

    @Required
    @Pattern("^(True|False|Unknown)$")
    @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
    private String status;

    @Size(max = 1024)
    @Pattern("^([A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?)?$")
    @JsonPropertyDescription("Machine-readable CamelCase reason for the last transition.")
    private String reason;

    @Size(max = 32768)
    @JsonPropertyDescription("Human-readable details about the last transition.")
    private String message;

    @JsonPropertyDescription("Last time the status changed (RFC 3339).")
    private String lastTransitionTime;

    @JsonPropertyDescription("metadata.generation the condition was computed from.")
    private Long observedGeneration;

    public Condition() {
    }

    public Condition(String type, String status, String reason, String message, String lastTransitionTime,
            Long observedGeneration) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
        this.observedGeneration = observedGeneration;
    }

    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public String getLastTransitionTime() { return lastTransitionTime; }
    public void setLastTransitionTime(String lastTransitionTime) { this.lastTransitionTime = lastTransitionTime; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
}

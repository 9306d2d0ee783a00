package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.sundr.builder.annotations.Buildable;

/** Optional NetworkPolicy isolating the cluster's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class NetworkPolicySpec {

    @Default("false")
    @JsonPropertyDescription("Create a NetworkPolicy that lets only this cluster's pods, the gateway and the "
            + "operator reach the scheduler and workers. Default false.")
    private Boolean enabled;

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
}

package io.tessera.api.v1alpha1.arraycluster.spec;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.sundr.builder.annotations.Buildable;

/** How the scheduler is exposed inside (or outside) the Kubernetes cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ServiceSpec {

    @Default("ClusterIP")
    @JsonPropertyDescription("Service type: ClusterIP (default; clients come through the gateway), NodePort or "
            + "LoadBalancer.")
    private ServiceType type;

    @JsonPropertyDescription("Extra annotations on the scheduler Service, e.g. for a cloud load balancer.")
    private Map<String, String> annotations;

    public ServiceType getType() { return type; }
    public void setType(ServiceType type) { this.type = type; }
    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }
}

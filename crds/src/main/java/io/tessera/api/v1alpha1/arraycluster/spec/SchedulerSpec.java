package io.tessera.api.v1alpha1.arraycluster.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.OpenObject;

/** The Dask scheduler: its pod, Service and dashboard. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class SchedulerSpec {

    @JsonPropertyDescription("Compute resources of the scheduler container, as in `kubectl explain pod.spec.containers.resources`. "
            + "Counted in quota admission.")
    private ResourceRequirements resources;

    @PreserveUnknownFields
    @SchemaFrom(type = OpenObject.class)
    @JsonPropertyDescription("Pod template merged over the scheduler pod Tessera generates (container name "
            + "`scheduler`).")
    private PodTemplateSpec template;

    @JsonPropertyDescription("The scheduler Service (ports 8786 comm and 8787 dashboard).")
    private ServiceSpec service;

    @JsonPropertyDescription("The Dask dashboard.")
    private DashboardSpec dashboard;

    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
    public PodTemplateSpec getTemplate() { return template; }
    public void setTemplate(PodTemplateSpec template) { this.template = template; }
    public ServiceSpec getService() { return service; }
    public void setService(ServiceSpec service) { this.service = service; }
    public DashboardSpec getDashboard() { return dashboard; }
    public void setDashboard(DashboardSpec dashboard) { this.dashboard = dashboard; }
}

package io.tessera.api.v1alpha1.arraycluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.arraycluster.spec.AdditionalWorkerGroupSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.AutoscalingSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.FaultToleranceSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.IdleSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.LifecycleSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.NetworkPolicySpec;
import io.tessera.api.v1alpha1.arraycluster.spec.ScaleDownSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.SchedulerSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.WorkerSpec;

/**
 * Desired state of a Dask cluster: one scheduler plus a primary worker group and optional
 * additional groups. Also the cluster part of an ArrayJob.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
@ValidationRule(value = "!has(self.additionalWorkerGroups) || self.additionalWorkerGroups.all(g, g.name != 'default')",
        message = "additionalWorkerGroups cannot be named 'default': that is the primary worker group")
@ValidationRule(value = "!has(self.additionalWorkerGroups) || self.additionalWorkerGroups.all(g, "
        + "self.additionalWorkerGroups.exists_one(h, h.name == g.name))",
        message = "additionalWorkerGroups names must be unique")
public class ArrayClusterSpec {

    @Default("false")
    @JsonPropertyDescription("Suspend the cluster: scheduler and worker pods are removed, the object and its "
            + "settings are kept. Set back to false to start it again. Default false.")
    private Boolean suspend;

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Container image for the scheduler, workers and runner unless a template overrides "
            + "it. Default: the operator's configured worker image.")
    private String image;

    @JsonPropertyDescription("Packages added on top of the image (conda, pip or a lockfile).")
    private EnvironmentSpec environment;

    @JsonPropertyDescription("The Dask scheduler pod, Service and dashboard.")
    private SchedulerSpec scheduler;

    @JsonPropertyDescription("The primary worker group; target of the scale subresource (kubectl scale).")
    private WorkerSpec worker;

    @Size(max = 8)
    @JsonPropertyDescription("Further worker groups with their own shape (e.g. GPU workers), keyed by name.")
    private List<AdditionalWorkerGroupSpec> additionalWorkerGroups;

    @JsonPropertyDescription("How the number of workers is decided: Manual, Adaptive or External.")
    private AutoscalingSpec autoscaling;

    @JsonPropertyDescription("Graceful scale-down settings.")
    private ScaleDownSpec scaleDown;

    @JsonPropertyDescription("What to do when the scheduler has been idle for a while.")
    private IdleSpec idle;

    @JsonPropertyDescription("Provisioning timeout and maximum lifetime.")
    private LifecycleSpec lifecycle;

    @JsonPropertyDescription("Scheduler recovery policy.")
    private FaultToleranceSpec faultTolerance;

    @JsonPropertyDescription("Optional NetworkPolicy isolating the cluster.")
    private NetworkPolicySpec networkPolicy;

    public Boolean getSuspend() { return suspend; }
    public void setSuspend(Boolean suspend) { this.suspend = suspend; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public EnvironmentSpec getEnvironment() { return environment; }
    public void setEnvironment(EnvironmentSpec environment) { this.environment = environment; }
    public SchedulerSpec getScheduler() { return scheduler; }
    public void setScheduler(SchedulerSpec scheduler) { this.scheduler = scheduler; }
    public WorkerSpec getWorker() { return worker; }
    public void setWorker(WorkerSpec worker) { this.worker = worker; }
    public List<AdditionalWorkerGroupSpec> getAdditionalWorkerGroups() { return additionalWorkerGroups; }
    public void setAdditionalWorkerGroups(List<AdditionalWorkerGroupSpec> additionalWorkerGroups) { this.additionalWorkerGroups = additionalWorkerGroups; }
    public AutoscalingSpec getAutoscaling() { return autoscaling; }
    public void setAutoscaling(AutoscalingSpec autoscaling) { this.autoscaling = autoscaling; }
    public ScaleDownSpec getScaleDown() { return scaleDown; }
    public void setScaleDown(ScaleDownSpec scaleDown) { this.scaleDown = scaleDown; }
    public IdleSpec getIdle() { return idle; }
    public void setIdle(IdleSpec idle) { this.idle = idle; }
    public LifecycleSpec getLifecycle() { return lifecycle; }
    public void setLifecycle(LifecycleSpec lifecycle) { this.lifecycle = lifecycle; }
    public FaultToleranceSpec getFaultTolerance() { return faultTolerance; }
    public void setFaultTolerance(FaultToleranceSpec faultTolerance) { this.faultTolerance = faultTolerance; }
    public NetworkPolicySpec getNetworkPolicy() { return networkPolicy; }
    public void setNetworkPolicy(NetworkPolicySpec networkPolicy) { this.networkPolicy = networkPolicy; }
}

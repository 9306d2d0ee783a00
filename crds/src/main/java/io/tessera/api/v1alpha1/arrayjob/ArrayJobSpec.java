package io.tessera.api.v1alpha1.arrayjob;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.arrayjob.spec.CleanupSpec;
import io.tessera.api.v1alpha1.arrayjob.spec.RunnerSpec;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;

/**
 * A one-off batch run: an ephemeral ArrayCluster plus a runner Job that is resumed only once the
 * cluster is Ready. Also the job template of a ScheduledJob.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ArrayJobSpec {

    @JsonPropertyDescription("The run's ephemeral Dask cluster: the same fields as an ArrayCluster's spec.")
    private ArrayClusterSpec cluster;

    @Required
    @JsonPropertyDescription("The runner container executing the user's program.")
    private RunnerSpec runner;

    @Default("600")
    @Min(1)
    @Max(86400)
    @JsonPropertyDescription("Seconds the cluster may take to become Ready before the run fails with reason "
            + "ProvisioningDeadlineExceeded; separate from activeDeadlineSeconds. Default 600.")
    private Long provisioningDeadlineSeconds;

    @Min(1)
    @JsonPropertyDescription("Runner Job deadline in seconds, counted from when the runner starts (batch/v1 Job).")
    private Long activeDeadlineSeconds;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Runner retries before the run is Failed (batch/v1 Job). Default 0: batch scripts are "
            + "rarely idempotent.")
    @Default("0")
    private Integer backoffLimit;

    @JsonPropertyDescription("Pod failure policy of the runner Job, passed through: see `kubectl explain job.spec.podFailurePolicy`.")
    private PodFailurePolicy podFailurePolicy;

    @Min(0)
    @JsonPropertyDescription("Seconds after the run finished at which the ArrayJob and everything it owns is "
            + "deleted. Unset: kept until deleted (a ScheduledJob prunes by its history limits).")
    private Integer ttlSecondsAfterFinished;

    @JsonPropertyDescription("What happens to the cluster when the run succeeds or fails.")
    private CleanupSpec cleanup;

    public ArrayClusterSpec getCluster() { return cluster; }
    public void setCluster(ArrayClusterSpec cluster) { this.cluster = cluster; }
    public RunnerSpec getRunner() { return runner; }
    public void setRunner(RunnerSpec runner) { this.runner = runner; }
    public Long getProvisioningDeadlineSeconds() { return provisioningDeadlineSeconds; }
    public void setProvisioningDeadlineSeconds(Long provisioningDeadlineSeconds) { this.provisioningDeadlineSeconds = provisioningDeadlineSeconds; }
    public Long getActiveDeadlineSeconds() { return activeDeadlineSeconds; }
    public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) { this.activeDeadlineSeconds = activeDeadlineSeconds; }
    public Integer getBackoffLimit() { return backoffLimit; }
    public void setBackoffLimit(Integer backoffLimit) { this.backoffLimit = backoffLimit; }
    public PodFailurePolicy getPodFailurePolicy() { return podFailurePolicy; }
    public void setPodFailurePolicy(PodFailurePolicy podFailurePolicy) { this.podFailurePolicy = podFailurePolicy; }
    public Integer getTtlSecondsAfterFinished() { return ttlSecondsAfterFinished; }
    public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) { this.ttlSecondsAfterFinished = ttlSecondsAfterFinished; }
    public CleanupSpec getCleanup() { return cleanup; }
    public void setCleanup(CleanupSpec cleanup) { this.cleanup = cleanup; }
}

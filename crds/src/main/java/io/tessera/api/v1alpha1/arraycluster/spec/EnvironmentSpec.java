package io.tessera.api.v1alpha1.arraycluster.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.ConfigMapKeyRef;

/**
 * Software environment added on top of the image without rebuilding it. The operator builds it
 * once per content hash and namespace, with a Job {@code tessera-env-<hash>} that writes it into
 * the namespace's PersistentVolumeClaim {@code tessera-environments}; the scheduler, the workers
 * and the runner are created only after the build completed, and mount it read-only. The
 * condition {@code EnvironmentReady} reports the build.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
@ValidationRule(value = "!has(self.lockfile) || (!has(self.conda) && !has(self.pip))",
        message = "lockfile cannot be combined with conda or pip package lists")
public class EnvironmentSpec {

    @Size(max = 200)
    @JsonPropertyDescription("Conda packages as match specs, e.g. [\"xarray=2025.1\", \"zarr>=3\"]. Built only "
            + "where the operator's setting says the worker image has a conda tool (environments.conda-enabled); "
            + "otherwise the cluster fails with the condition EnvironmentReady reason CondaUnavailable: list the "
            + "packages under pip instead.")
    private List<@Size(min = 1, max = 200) String> conda;

    @Size(max = 20)
    @JsonPropertyDescription("Conda channels searched in order (the order is part of the environment's "
            + "content). Default: the image's channels. Needs conda, like conda.")
    private List<@Size(min = 1, max = 200) String> condaChannels;

    @Size(max = 200)
    @JsonPropertyDescription("pip requirement specifiers, e.g. [\"s3fs==2025.3.0\"], installed with uv from "
            + "the package index the operator is configured with, on top of the image's own packages. Their order "
            + "and duplicates do not matter: the same set is the same environment, built once per namespace "
            + "and image by a Job tessera-env-<hash>; a failed build (the installer's message in the condition "
            + "EnvironmentReady, reason BuildFailed) is retried by deleting that Job or changing this list.")
    private List<@Size(min = 1, max = 200) String> pip;

    @JsonPropertyDescription("A lockfile kept in a ConfigMap of this namespace: pip requirements, or a conda "
            + "@EXPLICIT lock (refused with reason CondaUnavailable like conda where the image has no conda tool); "
            + "excludes conda and pip. Its text is part of the environment's "
            + "content: an edited lockfile is built again. While the ConfigMap or key is missing the condition "
            + "EnvironmentReady says LockfileNotFound and the cluster's pods wait (looked at again every 10 s).")
    private ConfigMapKeyRef lockfile;

    public List<String> getConda() { return conda; }
    public void setConda(List<String> conda) { this.conda = conda; }
    public List<String> getCondaChannels() { return condaChannels; }
    public void setCondaChannels(List<String> condaChannels) { this.condaChannels = condaChannels; }
    public List<String> getPip() { return pip; }
    public void setPip(List<String> pip) { this.pip = pip; }
    public ConfigMapKeyRef getLockfile() { return lockfile; }
    public void setLockfile(ConfigMapKeyRef lockfile) { this.lockfile = lockfile; }
}

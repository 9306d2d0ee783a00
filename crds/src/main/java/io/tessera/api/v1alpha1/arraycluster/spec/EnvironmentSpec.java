package io.tessera.api.v1alpha1.arraycluster.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.ConfigMapKeyRef;

/**
 * Software environment added on top of the image without rebuilding it. Built once per content
 * hash and mounted read-only into the scheduler, the workers and the runner.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
@ValidationRule(value = "!has(self.lockfile) || (!has(self.conda) && !has(self.pip))",
        message = "lockfile cannot be combined with conda or pip package lists")
public class EnvironmentSpec {

    @Size(max = 200)
    @JsonPropertyDescription("Conda packages as match specs, e.g. [\"xarray=2025.1\", \"zarr>=3\"].")
    private List<@Size(min = 1, max = 200) String> conda;

    @Size(max = 20)
    @JsonPropertyDescription("Conda channels searched in order. Default: the image's channels.")
    private List<@Size(min = 1, max = 200) String> condaChannels;

    @Size(max = 200)
    @JsonPropertyDescription("pip requirement specifiers, e.g. [\"s3fs==2025.3.0\"].")
    private List<@Size(min = 1, max = 200) String> pip;

    @JsonPropertyDescription("A conda-lock or pip requirements lockfile kept in a ConfigMap; excludes conda and pip.")
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

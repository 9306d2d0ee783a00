package io.tessera.api.v1alpha1.arrayjob.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.OpenObject;

/**
 * The runner: the container that executes the user's program against the cluster, with
 * DASK_SCHEDULER_ADDRESS and the run's metadata in its environment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
@ValidationRule(value = "has(self.command) != has(self.script)",
        message = "runner needs exactly one of command (a program in the image) or script (inline or ConfigMap)")
public class RunnerSpec {

    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Runner image. Default: the cluster's image.")
    private String image;

    @Size(min = 1, max = 64)
    @JsonPropertyDescription("Program from the image to run, e.g. [\"python\", \"/opt/jobs/daily.py\"].")
    private List<String> command;

    @Size(max = 256)
    @JsonPropertyDescription("Arguments for the command or the script.")
    private List<String> args;

    @JsonPropertyDescription("Python script to run instead of a command from the image.")
    private ScriptSource script;

    @Size(max = 256)
    @JsonPropertyDescription("Extra environment variables of the runner container, as in `kubectl explain pod.spec.containers.env`.")
    private List<EnvVar> env;

    @JsonPropertyDescription("Compute resources of the runner container, as in `kubectl explain pod.spec.containers.resources`.")
    private ResourceRequirements resources;

    @PreserveUnknownFields
    @SchemaFrom(type = OpenObject.class)
    @JsonPropertyDescription("Pod template merged over the runner pod Tessera generates (container name `runner`).")
    private PodTemplateSpec template;

    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public List<String> getCommand() { return command; }
    public void setCommand(List<String> command) { this.command = command; }
    public List<String> getArgs() { return args; }
    public void setArgs(List<String> args) { this.args = args; }
    public ScriptSource getScript() { return script; }
    public void setScript(ScriptSource script) { this.script = script; }
    public List<EnvVar> getEnv() { return env; }
    public void setEnv(List<EnvVar> env) { this.env = env; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
    public PodTemplateSpec getTemplate() { return template; }
    public void setTemplate(PodTemplateSpec template) { this.template = template; }
}

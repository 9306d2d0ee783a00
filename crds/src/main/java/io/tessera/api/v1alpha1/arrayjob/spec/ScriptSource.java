package io.tessera.api.v1alpha1.arrayjob.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.common.ConfigMapKeyRef;

/** A Python script for the runner, given inline or kept in a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
@ValidationRule(value = "has(self.inline) != has(self.configMap)",
        message = "script needs exactly one of inline or configMap")
public class ScriptSource {

    @Size(min = 1, max = 262144)
    @JsonPropertyDescription("The script's Python source.")
    private String inline;

    @JsonPropertyDescription("A ConfigMap key holding the script's Python source.")
    private ConfigMapKeyRef configMap;

    public String getInline() { return inline; }
    public void setInline(String inline) { this.inline = inline; }
    public ConfigMapKeyRef getConfigMap() { return configMap; }
    public void setConfigMap(ConfigMapKeyRef configMap) { this.configMap = configMap; }
}

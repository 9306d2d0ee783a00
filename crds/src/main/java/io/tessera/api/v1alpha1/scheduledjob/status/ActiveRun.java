package io.tessera.api.v1alpha1.scheduledjob.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.sundr.builder.annotations.Buildable;

/** Reference to a run (ArrayJob) that has not finished. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ActiveRun {

    @JsonPropertyDescription("Name of the ArrayJob.")
    private String name;
    @JsonPropertyDescription("UID of the ArrayJob.")
    private String uid;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUid() { return uid; }
    public void setUid(String uid) { this.uid = uid; }
}

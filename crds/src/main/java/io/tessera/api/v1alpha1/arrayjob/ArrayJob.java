package io.tessera.api.v1alpha1.arrayjob;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.sundr.builder.annotations.Buildable;
import io.sundr.builder.annotations.BuildableReference;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.EmbeddedWorkerSpec;

/**
 * A one-off batch run on an ephemeral Dask cluster. {@code kubectl get aj}.
 */
@Group(Constants.GROUP)
@Categories(Constants.CATEGORY)
@Version(Constants.VERSION)
@Kind(Constants.ARRAY_JOB_KIND)
@Plural(Constants.ARRAY_JOB_PLURAL)
@ShortNames(Constants.ARRAY_JOB_SHORT_NAME)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = @BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class))
// The embedded cluster spec must not make this kind scalable: see EmbeddedWorkerSpec.
@SchemaSwap(originalType = ArrayClusterSpec.class, fieldName = "worker", targetType = EmbeddedWorkerSpec.class)
@ValidationRule(value = "self.metadata.name.size() <= " + Constants.ARRAY_JOB_NAME_MAX_LENGTH,
        message = "ArrayJob names are limited to 63 characters because they name the runner Job and label its pods")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Attempts", jsonPath = ".status.attempts", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".status.clusterName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Started", jsonPath = ".status.startTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Completed", jsonPath = ".status.completionTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.failureReason", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
public class ArrayJob extends CustomResource<ArrayJobSpec, ArrayJobStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("Desired batch run: the ephemeral cluster, the runner, deadlines, retries and cleanup.")
    public ArrayJobSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state of the batch run, written by the operator.")
    public ArrayJobStatus getStatus() {
        return super.getStatus();
    }
}

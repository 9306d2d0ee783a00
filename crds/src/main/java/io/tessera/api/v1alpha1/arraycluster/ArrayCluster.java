package io.tessera.api.v1alpha1.arraycluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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

/**
 * A Dask cluster: one scheduler plus workers, scaled manually, adaptively or by an external
 * autoscaler. {@code kubectl get ac}, {@code kubectl scale ac/NAME --replicas=N},
 * {@code kubectl wait --for=condition=Ready ac/NAME}.
 */
@Group(Constants.GROUP)
@Categories(Constants.CATEGORY)
@Version(Constants.VERSION)
@Kind(Constants.ARRAY_CLUSTER_KIND)
@Plural(Constants.ARRAY_CLUSTER_PLURAL)
@ShortNames(Constants.ARRAY_CLUSTER_SHORT_NAME)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = @BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class))
@ValidationRule(value = "self.metadata.name.size() <= " + Constants.ARRAY_CLUSTER_NAME_MAX_LENGTH,
        message = "ArrayCluster names are limited to 51 characters so that the TLS server name daskgateway-<name> fits a 63-character DNS label")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyWorkers", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Desired", jsonPath = ".status.desiredWorkers", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Min", jsonPath = ".spec.worker.minReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.worker.maxReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "CPU", jsonPath = ".status.requested.cpu", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Memory", jsonPath = ".status.requested.memory", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Group", jsonPath = ".metadata.labels.tessera\\.io/group", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "GPU", jsonPath = ".status.requested.gpu", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Address", jsonPath = ".status.schedulerAddress", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Idle", jsonPath = ".status.idleSince", type = AdditionalPrinterColumn.Type.DATE, priority = 1)
public class ArrayCluster extends CustomResource<ArrayClusterSpec, ArrayClusterStatus> implements Namespaced {

    @Override
    protected ArrayClusterSpec initSpec() {
        return new ArrayClusterSpec();
    }

    @Override
    @JsonPropertyDescription("Desired state of the Dask cluster: scheduler, worker groups, autoscaling, idle and lifetime policies.")
    public ArrayClusterSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state of the Dask cluster, written by the operator.")
    public ArrayClusterStatus getStatus() {
        return super.getStatus();
    }
}

package io.tessera.api.v1alpha1.scheduledjob;

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
 * ArrayJobs on a cron schedule with Kubernetes CronJob semantics. {@code kubectl get sj}.
 */
@Group(Constants.GROUP)
@Categories(Constants.CATEGORY)
@Version(Constants.VERSION)
@Kind(Constants.SCHEDULED_JOB_KIND)
@Plural(Constants.SCHEDULED_JOB_PLURAL)
@ShortNames(Constants.SCHEDULED_JOB_SHORT_NAME)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = @BuildableReference(io.fabric8.kubernetes.api.model.ObjectMeta.class))
// The embedded cluster spec must not make this kind scalable: see EmbeddedWorkerSpec.
@SchemaSwap(originalType = ArrayClusterSpec.class, fieldName = "worker", targetType = EmbeddedWorkerSpec.class)
@ValidationRule(value = "self.metadata.name.size() <= " + Constants.SCHEDULED_JOB_NAME_MAX_LENGTH,
        message = "ScheduledJob names are limited to 52 characters so that run names <name>-<unix minutes> stay within 63")
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Timezone", jsonPath = ".spec.timeZone", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Suspend", jsonPath = ".spec.suspend", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.activeCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Last Schedule", jsonPath = ".status.lastScheduleTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Next", jsonPath = ".status.nextScheduleTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Last Run", jsonPath = ".status.lastRun", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
public class ScheduledJob extends CustomResource<ScheduledJobSpec, ScheduledJobStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("Cron schedule, concurrency and history policy, and the template of each run.")
    public ScheduledJobSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state of the schedule and its runs, written by the operator.")
    public ScheduledJobStatus getStatus() {
        return super.getStatus();
    }
}

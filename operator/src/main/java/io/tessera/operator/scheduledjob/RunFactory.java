package io.tessera.operator.scheduledjob;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobBuilder;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpec;
import io.tessera.api.v1alpha1.scheduledjob.ScheduledJob;
import io.tessera.api.v1alpha1.scheduledjob.spec.JobTemplate;
import io.tessera.operator.arraycluster.desired.OwnerReferences;
import io.tessera.operator.scheduledjob.planning.PlannedRun;
import io.tessera.operator.scheduledjob.planning.RunAnnotations;

/** The ArrayJob a planned run becomes: the job template, owned by the ScheduledJob. */
public final class RunFactory {

    /** On every run: the ScheduledJob's name, the selector of the operator's run cache. */
    public static final String LABEL_SCHEDULED_JOB = Constants.GROUP + "/scheduledjob";

    private RunFactory() {
    }

    public static ArrayJob desired(ScheduledJob scheduledJob, PlannedRun run, ZoneId zone) {
        JobTemplate template = scheduledJob.getSpec().getJobTemplate();
        Map<String, String> labels = new TreeMap<>(Optional.ofNullable(template.getLabels()).orElse(Map.of()));
        Map<String, String> own = Optional.ofNullable(scheduledJob.getMetadata().getLabels()).orElse(Map.of());
        // The quota group and user of the schedule are those of each run (and of its cluster).
        Optional.ofNullable(own.get(Constants.LABEL_GROUP)).ifPresent(g -> labels.put(Constants.LABEL_GROUP, g));
        Optional.ofNullable(own.get(Constants.LABEL_USER)).ifPresent(u -> labels.put(Constants.LABEL_USER, u));
        labels.put(LABEL_SCHEDULED_JOB, scheduledJob.getMetadata().getName());
        Map<String, String> annotations = new TreeMap<>(Optional.ofNullable(template.getAnnotations()).orElse(Map.of()));
        annotations.putAll(RunAnnotations.of(run, zone));
        return new ArrayJobBuilder().withNewMetadata().withName(run.name())
                .withNamespace(scheduledJob.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(annotations)
                .withOwnerReferences(OwnerReferences.controller(scheduledJob)).endMetadata()
                // A deep copy: the informer cache's ScheduledJob must never be shared with a new object.
                .withSpec(Serialization.unmarshal(Serialization.asJson(template.getSpec()), ArrayJobSpec.class))
                .build();
    }
}

package io.tessera.gateway.queue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.logging.Log;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arrayjob.ArrayJob;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpec;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.CreateCluster;
import io.tessera.gateway.admission.GroupUsage;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.group.UserEntity;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import io.tessera.gateway.quota.ChangeRequest;
import io.tessera.gateway.quota.Decision;
import io.tessera.gateway.quota.QuotaCheck;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.quota.Scope;
import io.tessera.gateway.rest.ApiException;
import io.tessera.gateway.webhook.Kinds;
import io.tessera.gateway.webhook.owner.Owners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pass over one namespace's queue: the oldest waiting run is admitted by reserving its
 * cluster's footprint ({@link AdmissionService#create}, under the group lock, idempotent); the
 * first run that does not fit stops the pass, and it and every later run are marked queued with
 * their position. Strict order: a small run never overtakes a big one that waits.
 */
@ApplicationScoped
public class QueuePass {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Inject
    GroupRepository groups;

    @Inject
    AdmissionService admission;

    @Inject
    Owners owners;

    @Inject
    KubernetesClient client;

    @ActivateRequestContext
    public void run(String namespace, List<ArrayJob> waiting) {
        Optional<GroupEntity> group = groups.find("namespace", namespace).firstResultOptional();
        if (group.isEmpty() || waiting.isEmpty()) {
            return;
        }
        String groupName = group.get().name;
        List<ArrayJob> queued = new ArrayList<>();
        Map<ArrayJob, Optional<String>> reasons = new LinkedHashMap<>();
        for (ArrayJob run : waiting) {
            String cluster = ArrayJobAdmission.clusterName(run.getMetadata().getName());
            ArrayClusterFootprint footprint = ArrayClusterFootprint.of(Optional.ofNullable(run.getSpec())
                    .map(ArrayJobSpec::getCluster).orElseGet(ArrayClusterSpec::new));
            UserEntity owner;
            try {
                owner = owners.resolve(group.get(), Kinds.userLabel(run),
                        Optional.of(new Owners.Parent(Owners.ARRAY_JOB, run.getMetadata().getName())), null);
            } catch (ApiException e) {
                annotate(run, false, "OwnerUnknown", e.getMessage()); // cannot be charged: it takes no place in the queue
                continue;
            }
            if (!queued.isEmpty()) {
                queued.add(run);
                reasons.put(run, ownReason(groupName, footprint.resources()));
                continue;
            }
            Decision decision;
            try {
                decision = admission.create(new CreateCluster(groupName, owner.username, cluster, footprint.resources()));
            } catch (ApiException e) {
                annotate(run, false, "AdmissionFailed", e.getMessage());
                continue;
            }
            if (decision instanceof Decision.Reject reject) {
                queued.add(run);
                reasons.put(run, Optional.of(reject.message()));
            } else {
                Log.infof("%s/%s: admitted from the queue of group %s", namespace, run.getMetadata().getName(), groupName);
                annotate(run, true, ArrayJobAdmission.REASON_ADMITTED, QueueOrder.admittedMessage(groupName, cluster));
            }
        }
        for (int i = 0; i < queued.size(); i++) {
            ArrayJob run = queued.get(i);
            annotate(run, false, ArrayJobAdmission.REASON_QUOTA_EXCEEDED,
                    QueueOrder.queued(i + 1, queued.size(), groupName, reasons.get(run)));
        }
    }

    /** Why a run behind the head would not fit either (the admission message), read without the lock. */
    private Optional<String> ownReason(String group, Resources footprint) {
        GroupUsage usage = admission.usage(group);
        Decision decision = QuotaCheck.check(ChangeRequest.create(footprint),
                List.of(new Scope("group " + group, usage.quota(), usage.reserved(), usage.clusters())));
        return decision instanceof Decision.Reject reject ? Optional.of(reject.message()) : Optional.empty();
    }

    /** Writes the decision into the run's annotations (a merge patch of three keys: no conflict with anyone). */
    private void annotate(ArrayJob run, boolean admitted, String reason, String message) {
        Map<String, String> wanted = Map.of(ArrayJobAdmission.ANNOTATION_ADMITTED, Boolean.toString(admitted),
                ArrayJobAdmission.ANNOTATION_REASON, reason, ArrayJobAdmission.ANNOTATION_MESSAGE, message);
        Map<String, String> current = QueueOrder.annotations(run);
        if (wanted.entrySet().stream().allMatch(e -> Objects.equals(current.get(e.getKey()), e.getValue()))) {
            return;
        }
        String patch = JSON.asJson(Map.of("metadata", Map.of("annotations", wanted)));
        try {
            client.resources(ArrayJob.class).inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}

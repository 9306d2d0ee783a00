package io.tessera.gateway.webhook;

import io.quarkus.logging.Log;
import io.tessera.api.Constants;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * One AdmissionReview in, one verdict out. Routes by resource and operation; namespaces without
 * a Tessera group are allowed untouched. Fail-closed: any failure of ours is a denial with a
 * message (and a log line), never an unexplained error the API server would have to interpret.
 */
@ApplicationScoped
public class WebhookAdmission {

    @Inject
    ManagedNamespaces namespaces;

    @Inject
    ArrayClusterReview clusters;

    @Inject
    JobReview jobs;

    @ActivateRequestContext
    public Verdict review(ReviewRequest request) {
        try {
            if (!Constants.GROUP.equals(request.group())) {
                return Verdict.ALLOW;
            }
            Optional<GroupEntity> group = namespaces.groupOf(request.namespace());
            if (group.isEmpty()) {
                return Verdict.ALLOW;
            }
            return route(request, group.get());
        } catch (ApiException e) {
            return Verdict.deny(e.status() >= 500 ? 500 : e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return Verdict.deny(400, e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "admission of %s %s/%s failed; denied (fail-closed)", request.resource(), request.namespace(),
                    request.name());
            return Verdict.deny(500, "Tessera admission failed, so the request is denied (fail-closed): " + e);
        }
    }

    private Verdict route(ReviewRequest request, GroupEntity group) {
        String op = request.operation();
        boolean createOrUpdate = "CREATE".equals(op) || "UPDATE".equals(op);
        switch (request.resource()) {
            case Constants.ARRAY_CLUSTER_PLURAL:
                if (createOrUpdate && (request.subResource().isEmpty() || "scale".equals(request.subResource()))) {
                    return clusters.review(request, group);
                }
                return Verdict.ALLOW;
            case Constants.ARRAY_JOB_PLURAL:
                return "CREATE".equals(op) && request.subResource().isEmpty() ? jobs.arrayJob(request, group) : Verdict.ALLOW;
            case Constants.SCHEDULED_JOB_PLURAL:
                return createOrUpdate && request.subResource().isEmpty() ? jobs.scheduledJob(request, group) : Verdict.ALLOW;
            default:
                return Verdict.ALLOW;
        }
    }
}

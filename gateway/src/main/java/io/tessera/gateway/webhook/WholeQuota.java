package io.tessera.gateway.webhook;

import io.tessera.gateway.admission.QuotaStatus;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.UserEntity;
import io.tessera.gateway.quota.ChangeRequest;
import io.tessera.gateway.quota.Decision;
import io.tessera.gateway.quota.QuotaCheck;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.quota.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Whether a footprint could ever fit: checked against the group's whole quota and the owner's
 * cap as if nothing else were reserved. A run that fails this would wait in the queue forever, so
 * the webhook rejects it at creation instead. Budgets are left out: they refill every month.
 */
@ApplicationScoped
public class WholeQuota {

    @Inject
    QuotaStatus status;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Decision check(GroupEntity group, UserEntity owner, Resources footprint) {
        String label = "group " + group.name;
        return QuotaCheck.check(ChangeRequest.create(footprint), List.of(
                new Scope(label, status.quota(group), Resources.ZERO, 0),
                new Scope("user " + owner.username + " in " + label, status.cap(group, owner.id), Resources.ZERO, 0)));
    }
}

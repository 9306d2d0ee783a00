package io.tessera.gateway.admission;

import io.tessera.gateway.group.BudgetEntity;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.MemberKey;
import io.tessera.gateway.group.QuotaEntity;
import io.tessera.gateway.group.UserCapEntity;
import io.tessera.gateway.quota.Budget;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.quota.MonthUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Optional;

/** Reads a group's limits, budget and this month's usage: what admission and reports compare. */
@ApplicationScoped
public class QuotaStatus {

    @Inject
    EntityManager em;

    @Inject
    UsageRepository usage;

    @Inject
    Clock clock;

    /** The group's quota; a group without one may reserve nothing (fail closed). */
    public Limits quota(GroupEntity group) {
        return Optional.ofNullable(em.find(QuotaEntity.class, group.id)).map(QuotaEntity::limits).orElse(Limits.NOTHING);
    }

    public Limits cap(GroupEntity group, long userId) {
        return Optional.ofNullable(em.find(UserCapEntity.class, new MemberKey(userId, group.id)))
                .map(UserCapEntity::limits).orElse(Limits.UNLIMITED);
    }

    public Budget budget(GroupEntity group) {
        return Optional.ofNullable(em.find(BudgetEntity.class, group.id)).map(BudgetEntity::budget).orElse(Budget.UNLIMITED);
    }

    public MonthUsage thisMonth(GroupEntity group) {
        return usage.ofGroup(group.id, YearMonth.now(clock), clock.instant());
    }
}

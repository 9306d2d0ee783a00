package io.tessera.gateway.admission;

import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.quota.Budget;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.quota.MonthUsage;
import io.tessera.gateway.quota.Resources;

/** A group's quota, what its live clusters reserve, the headroom left, and its budget status. */
public record GroupUsage(GroupEntity group, Limits quota, Resources reserved, long clusters, Limits headroom,
                         Budget budget, MonthUsage usedThisMonth) {
}

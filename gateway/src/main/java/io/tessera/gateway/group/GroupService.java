package io.tessera.gateway.group;

import io.tessera.gateway.kube.GroupNamespaces;
import io.tessera.gateway.quota.Budget;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Administration of groups: creation, quota, budget, members and their caps. Quota changes take
 * the same group lock as admission, so a quota never changes under a running admission decision.
 */
@ApplicationScoped
@Transactional
public class GroupService {

    @Inject
    GroupRepository groups;

    @Inject
    UserRepository users;

    @Inject
    EntityManager em;

    @Inject
    GroupNamespaces namespaces;

    /**
     * Creates the group and its namespace. The namespace is made inside the transaction, after the
     * insert: if it cannot be made (a foreign namespace of that name, API errors), the group is not
     * created either; a namespace made just before a failed commit is ours and is reused next time.
     */
    public GroupEntity create(String name, String namespace) {
        GroupEntity group = new GroupEntity();
        group.name = Names.group(name);
        group.namespace = Names.namespace(namespace == null ? Names.NAMESPACE_PREFIX + name : namespace);
        if (groups.count("name = ?1 or namespace = ?2", group.name, group.namespace) > 0) {
            throw ApiException.conflict("a group named " + name + " or with namespace " + group.namespace + " exists");
        }
        groups.persist(group);
        em.flush();
        namespaces.ensure(group.name, group.namespace);
        return group;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GroupEntity get(String name) {
        return groups.require(name);
    }

    public Limits setQuota(String groupName, Limits limits) {
        GroupEntity group = groups.lock(groupName);
        QuotaEntity quota = findOrPersist(QuotaEntity.class, group.id, () -> {
            QuotaEntity created = new QuotaEntity();
            created.groupId = group.id;
            return created;
        });
        quota.set(limits);
        return quota.limits();
    }

    public Budget setBudget(String groupName, Budget budget) {
        GroupEntity group = groups.lock(groupName);
        BudgetEntity row = findOrPersist(BudgetEntity.class, group.id, () -> {
            BudgetEntity created = new BudgetEntity();
            created.groupId = group.id;
            return created;
        });
        row.coreHoursPerMonth = budget.coreHours();
        row.gpuHoursPerMonth = budget.gpuHours();
        return row.budget();
    }

    /** Adds (or updates) a member; a user unknown so far is created, as Keycloak sync will later. */
    public MembershipEntity addMember(String groupName, String username, boolean groupAdmin) {
        GroupEntity group = groups.require(groupName);
        UserEntity user = users.byUsername(Names.user(username)).orElseGet(() -> {
            UserEntity created = new UserEntity();
            created.username = username;
            users.persist(created);
            return created;
        });
        MembershipEntity membership = findOrPersist(MembershipEntity.class, new MemberKey(user.id, group.id), () -> {
            MembershipEntity created = new MembershipEntity();
            created.userId = user.id;
            created.groupId = group.id;
            return created;
        });
        membership.groupAdmin = groupAdmin;
        // Granted by an admin: Keycloak sync leaves it alone from now on (docs/gateway.md, Identity).
        membership.source = MembershipEntity.ADMIN_API;
        return membership;
    }

    public Limits setCap(String groupName, String username, Limits limits) {
        if (limits.workersPerCluster() != null) {
            throw ApiException.badRequest("workersPerCluster is a group-wide limit; a member cap cannot set it");
        }
        GroupEntity group = groups.lock(groupName);
        UserEntity user = users.member(username, group.id).orElseThrow(() -> ApiException.notFound(
                "user " + username + " is not a member of group " + groupName));
        UserCapEntity cap = findOrPersist(UserCapEntity.class, new MemberKey(user.id, group.id), () -> {
            UserCapEntity created = new UserCapEntity();
            created.userId = user.id;
            created.groupId = group.id;
            return created;
        });
        cap.set(limits);
        return cap.limits();
    }

    /** The row with this key, or {@code create}'s new row, persisted: settings are upserts. */
    private <T> T findOrPersist(Class<T> type, Object key, Supplier<T> create) {
        T row = em.find(type, key);
        if (row == null) {
            row = create.get();
            em.persist(row);
        }
        return row;
    }
}

package io.tessera.gateway.options;

import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads and replaces a group's cluster-option bounds; a group without a row has {@link GroupOptions#DEFAULTS}. */
@ApplicationScoped
@Transactional
public class GroupOptionsService {

    @Inject
    GroupRepository groups;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.SUPPORTS)
    public GroupOptions get(String groupName) {
        return of(groups.require(groupName));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GroupOptions of(GroupEntity group) {
        GroupOptionsEntity row = em.find(GroupOptionsEntity.class, group.id);
        return row == null ? GroupOptions.DEFAULTS : row.options();
    }

    /** Replaces the group's options under the group lock, like every other group setting. */
    public GroupOptions set(String groupName, GroupOptions options) {
        GroupEntity group = groups.lock(groupName);
        GroupOptionsEntity row = em.find(GroupOptionsEntity.class, group.id);
        if (row == null) {
            row = new GroupOptionsEntity();
            row.groupId = group.id;
            row.set(options);
            em.persist(row);
        } else {
            row.set(options);
        }
        return row.options();
    }
}

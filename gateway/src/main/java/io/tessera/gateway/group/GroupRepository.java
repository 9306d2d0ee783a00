package io.tessera.gateway.group;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Groups by name, and the row lock that admission takes. */
@ApplicationScoped
public class GroupRepository implements PanacheRepository<GroupEntity> {

    public GroupEntity require(String name) {
        return find("name", name).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("group " + name + " not found"));
    }

    /**
     * The group with its row locked (SELECT ... FOR UPDATE) until the transaction ends: every
     * reservation change in the group goes through here, so they run one after another.
     */
    public GroupEntity lock(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("group " + name + " not found"));
    }

    public GroupEntity lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}

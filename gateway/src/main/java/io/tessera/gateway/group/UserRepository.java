package io.tessera.gateway.group;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Users by username. */
@ApplicationScoped
public class UserRepository implements PanacheRepository<UserEntity> {

    public Optional<UserEntity> byUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** The user, if they are a member of the group: only members may reserve its quota. */
    public Optional<UserEntity> member(String username, long groupId) {
        return byUsername(username)
                .filter(user -> getEntityManager().find(MembershipEntity.class, new MemberKey(user.id, groupId)) != null);
    }
}

package io.tessera.gateway.webhook.owner;

import io.tessera.api.Constants;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.group.Names;
import io.tessera.gateway.group.UserEntity;
import io.tessera.gateway.group.UserRepository;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Who owns an object that came through kubectl or GitOps, in this order:
 * <ol>
 * <li>the label {@code tessera.io/user} on the object: it must name a member, else the object is denied;</li>
 * <li>the owner recorded for its parent (a ScheduledJob's runs, an ArrayJob's cluster);</li>
 * <li>the requesting Kubernetes user, when that is a member (OIDC users of the API server carry
 * their Keycloak username);</li>
 * <li>the group's service owner, set by an admin for GitOps appliers (service accounts are not
 * Tessera users, and the applier of a whole tenants directory cannot be the owner of everything
 * in it by any other rule).</li>
 * </ol>
 * Nothing found is a denial saying how to fix it: quota is never charged to nobody.
 */
@ApplicationScoped
@Transactional
public class Owners {

    /** Kinds whose owner is recorded at creation. */
    public static final String ARRAY_JOB = Constants.ARRAY_JOB_KIND;
    public static final String SCHEDULED_JOB = Constants.SCHEDULED_JOB_KIND;

    @Inject
    UserRepository users;

    @Inject
    GroupRepository groups;

    @Inject
    EntityManager em;

    /** A parent object whose recorded owner the child inherits. */
    public record Parent(String kind, String name) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UserEntity resolve(GroupEntity group, Optional<String> labelUser, Optional<Parent> parent, String requester) {
        if (labelUser.isPresent()) {
            return users.member(labelUser.get(), group.id).orElseThrow(() -> new ApiException(403, 
                    "label " + Constants.LABEL_USER + "=" + labelUser.get() + " does not name a member of group " + group.name));
        }
        Optional<UserEntity> inherited = parent.flatMap(p -> recorded(p.kind(), group.namespace, p.name()))
                .flatMap(username -> users.member(username, group.id));
        if (inherited.isPresent()) {
            return inherited.get();
        }
        Optional<UserEntity> requesting = Optional.ofNullable(requester).filter(r -> !r.isEmpty())
                .flatMap(r -> users.member(r, group.id));
        return requesting.or(() -> serviceOwner(group)).orElseThrow(() -> new ApiException(403, 
                "cannot tell which member of group " + group.name + " owns this object: set the label "
                        + Constants.LABEL_USER + " to a member, apply it as a member, or have an admin set the group's"
                        + " service owner (PUT /api/admin/v1/groups/" + group.name + "/service-owner)"));
    }

    /** Remembers who owns {@code kind/name} (a re-created object overwrites the row). */
    public void record(String kind, GroupEntity group, String name, UserEntity owner) {
        em.createNativeQuery("INSERT INTO recorded_owner (kind, namespace, name, user_id, group_id) VALUES (?1, ?2, ?3, ?4, ?5)"
                + " ON CONFLICT (kind, namespace, name) DO UPDATE SET user_id = EXCLUDED.user_id,"
                + " group_id = EXCLUDED.group_id, recorded_at = now()")
                .setParameter(1, kind).setParameter(2, group.namespace).setParameter(3, name)
                .setParameter(4, owner.id).setParameter(5, group.id).executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> recorded(String kind, String namespace, String name) {
        return em.createNativeQuery("SELECT u.username FROM recorded_owner r JOIN app_user u ON u.id = r.user_id"
                + " WHERE r.kind = ?1 AND r.namespace = ?2 AND r.name = ?3", String.class)
                .setParameter(1, kind).setParameter(2, namespace).setParameter(3, name)
                .getResultStream().findFirst().map(String.class::cast);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserEntity> serviceOwner(GroupEntity group) {
        return Optional.ofNullable(em.find(ServiceOwnerEntity.class, group.id)).map(o -> em.find(UserEntity.class, o.userId));
    }

    /** Makes member {@code username} the group's service owner. */
    public String setServiceOwner(String groupName, String username) {
        GroupEntity group = groups.require(groupName);
        UserEntity user = users.member(Names.user(username), group.id).orElseThrow(() -> ApiException.badRequest(
                "user " + username + " is not a member of group " + groupName + "; add the member first"));
        ServiceOwnerEntity row = Optional.ofNullable(em.find(ServiceOwnerEntity.class, group.id)).orElseGet(() -> {
            ServiceOwnerEntity created = new ServiceOwnerEntity();
            created.groupId = group.id;
            created.userId = user.id;
            em.persist(created);
            return created;
        });
        row.userId = user.id;
        return user.username;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> serviceOwnerName(String groupName) {
        return serviceOwner(groups.require(groupName)).map(u -> u.username);
    }

    public boolean clearServiceOwner(String groupName) {
        GroupEntity group = groups.require(groupName);
        ServiceOwnerEntity row = em.find(ServiceOwnerEntity.class, group.id);
        if (row != null) {
            em.remove(row);
        }
        return row != null;
    }
}

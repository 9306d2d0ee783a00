package io.tessera.gateway.identity;

import io.quarkus.security.identity.SecurityIdentity;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Authorization that depends on the database: group admins (membership.group_admin) of a group. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class GroupAccess {

    @Inject
    EntityManager em;

    /** Whether the caller may read the group's settings and usage: platform admins and the group's admins. */
    public boolean canAdminister(SecurityIdentity caller, String group) {
        if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
            return true;
        }
        return em.createQuery("select count(m) from MembershipEntity m, UserEntity u, GroupEntity g"
                        + " where m.userId = u.id and m.groupId = g.id and u.username = ?1 and g.name = ?2"
                        + " and m.groupAdmin = true and u.active = true", Long.class)
                .setParameter(1, caller.getPrincipal().getName()).setParameter(2, group).getSingleResult() > 0;
    }

    public void requireAdministrator(SecurityIdentity caller, String group) {
        requireAdministrator(caller, group, "read it");
    }

    /** 403 naming {@code what} (e.g. "read its usage report") unless the caller may administer the group. */
    public void requireAdministrator(SecurityIdentity caller, String group, String what) {
        if (!canAdminister(caller, group)) {
            throw ApiException.forbidden("only platform admins and admins of group " + group + " may " + what);
        }
    }

    /** 403 naming {@code what} unless the caller is a platform admin or the user {@code username}. */
    public void requireSelfOrPlatformAdmin(SecurityIdentity caller, String username, String what) {
        if (!caller.hasRole(Roles.PLATFORM_ADMIN) && !caller.getPrincipal().getName().equals(username)) {
            throw ApiException.forbidden("only platform admins and " + username + " may " + what);
        }
    }
}

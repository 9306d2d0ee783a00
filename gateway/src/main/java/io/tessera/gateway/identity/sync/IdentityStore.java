package io.tessera.gateway.identity.sync;

import io.quarkus.logging.Log;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.MemberKey;
import io.tessera.gateway.group.MembershipEntity;
import io.tessera.gateway.group.Names;
import io.tessera.gateway.group.UserEntity;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes what Keycloak says into PostgreSQL, one account per transaction: upserts the user,
 * creates missing groups (without a quota, so they can reserve nothing until an admin sets one),
 * adds/updates the memberships sync owns and removes those that vanished. Never deletes a user or a
 * group: users that vanished are deactivated, groups are left as they are.
 */
@ApplicationScoped
@Transactional
public class IdentityStore {

    @Inject
    EntityManager em;

    /** Applies one account; returns false (and changes nothing) when its username cannot be a Tessera user. */
    public boolean apply(KeycloakAccount account, Instant now) {
        if (!validUser(account.username())) {
            Log.warnf("identity sync: skipping Keycloak user %s: not a valid Tessera username", account.username());
            return false;
        }
        UserEntity user = upsertUser(account.id(), account.username(), account.platformAdmin(), now);
        user.active = account.enabled();
        user.syncedAt = now;
        Map<Long, Boolean> wanted = new HashMap<>();
        account.groups().forEach((name, admin) -> group(name).ifPresent(group -> wanted.put(group.id, admin)));
        for (MembershipEntity existing : memberships(user.id)) {
            if (MembershipEntity.KEYCLOAK.equals(existing.source) && !wanted.containsKey(existing.groupId)) {
                em.remove(existing);
            }
        }
        wanted.forEach((groupId, admin) -> {
            MembershipEntity membership = em.find(MembershipEntity.class, new MemberKey(user.id, groupId));
            if (membership == null) {
                membership = new MembershipEntity();
                membership.userId = user.id;
                membership.groupId = groupId;
                membership.source = MembershipEntity.KEYCLOAK;
                em.persist(membership);
            }
            if (MembershipEntity.KEYCLOAK.equals(membership.source)) {
                membership.groupAdmin = admin;
            }
        });
        return true;
    }

    /**
     * Login without a reachable Keycloak admin API: the token's own claims, memberships untouched.
     * A new user is active; an existing one keeps its flag (a token never reactivates anyone).
     * Returns whether the user is active.
     */
    public boolean applyClaims(String subject, String username, boolean platformAdmin, Instant now) {
        if (!validUser(username)) {
            return true;
        }
        return upsertUser(subject, username, platformAdmin, now).active;
    }

    /** Deactivates the user with this Keycloak subject (gone from Keycloak) and drops their synced memberships. */
    public void deactivate(String subject) {
        em.createQuery("select u from UserEntity u where u.keycloakId = ?1", UserEntity.class).setParameter(1, subject)
                .getResultStream().forEach(user -> {
                    user.active = false;
                    memberships(user.id).stream().filter(m -> MembershipEntity.KEYCLOAK.equals(m.source)).forEach(em::remove);
                });
    }

    /**
     * Deactivates synced users that Keycloak no longer has and drops their synced memberships.
     * Users created only through the admin API (no Keycloak subject) are not Keycloak's to judge.
     */
    public List<String> deactivateMissing(Set<String> presentIds) {
        List<UserEntity> missing = em.createQuery("select u from UserEntity u where u.keycloakId is not null"
                + " and u.active = true", UserEntity.class).getResultList().stream()
                .filter(u -> !presentIds.contains(u.keycloakId)).toList();
        for (UserEntity user : missing) {
            user.active = false;
            memberships(user.id).stream().filter(m -> MembershipEntity.KEYCLOAK.equals(m.source)).forEach(em::remove);
            Log.infof("identity sync: user %s no longer in Keycloak: deactivated", user.username);
        }
        return missing.stream().map(u -> u.username).toList();
    }

    private UserEntity upsertUser(String subject, String username, boolean platformAdmin, Instant now) {
        UserEntity user = em.createQuery("select u from UserEntity u where u.keycloakId = ?1", UserEntity.class)
                .setParameter(1, subject).getResultStream().findFirst()
                // Added through the admin API before their first login: adopt the row.
                .or(() -> em.createQuery("select u from UserEntity u where u.username = ?1 and u.keycloakId is null",
                        UserEntity.class).setParameter(1, username).getResultStream().findFirst())
                .orElse(null);
        boolean created = user == null;
        if (created) {
            user = new UserEntity();
        }
        user.username = username;
        user.keycloakId = subject;
        user.platformAdmin = platformAdmin;
        if (created) {
            em.persist(user);
        }
        return user;
    }

    /** The group, created without a quota if it is new; empty if the name cannot be a Tessera group. */
    private Optional<GroupEntity> group(String name) {
        Optional<GroupEntity> existing = em.createQuery("select g from GroupEntity g where g.name = ?1", GroupEntity.class)
                .setParameter(1, name).getResultStream().findFirst();
        if (existing.isPresent()) {
            return existing;
        }
        String namespace = Names.NAMESPACE_PREFIX + name;
        if (!validGroup(name) || em.createQuery("select count(g) from GroupEntity g where g.namespace = ?1", Long.class)
                .setParameter(1, namespace).getSingleResult() > 0) {
            Log.warnf("identity sync: Keycloak group %s is not a valid Tessera group name (or its namespace %s is taken)",
                    name, namespace);
            return Optional.empty();
        }
        GroupEntity group = new GroupEntity();
        group.name = name;
        group.namespace = namespace;
        em.persist(group);
        Log.infof("identity sync: created group %s from Keycloak (no quota yet: it can reserve nothing)", name);
        return Optional.of(group);
    }

    private List<MembershipEntity> memberships(long userId) {
        return em.createQuery("select m from MembershipEntity m where m.userId = ?1", MembershipEntity.class)
                .setParameter(1, userId).getResultList();
    }

    private static boolean validUser(String username) {
        return valid(() -> Names.user(username));
    }

    private static boolean validGroup(String name) {
        return valid(() -> Names.group(name));
    }

    private static boolean valid(Runnable check) {
        try {
            check.run();
            return true;
        } catch (ApiException e) {
            return false;
        }
    }
}

package io.tessera.gateway.identity.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.testing.KeycloakAdmin;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.KeycloakTokens;
import io.tessera.gateway.testing.PostgresResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Users, groups and memberships follow Keycloak: at a user's first request and in the periodic whole-realm sync. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class KeycloakSyncIT {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    IdentitySync sync;

    @Inject
    GroupService groups;

    @Inject
    EntityManager em;

    private static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() % 1000 + "-" + SEQUENCE.incrementAndGet();
    }

    /** group -> "admin"/"member" + "/" + source, for one user. */
    private Map<String, String> memberships(String username) {
        List<Object[]> rows = em.createNativeQuery("SELECT g.name, m.group_admin, m.source FROM membership m"
                + " JOIN app_user u ON u.id = m.user_id JOIN tenant_group g ON g.id = m.group_id WHERE u.username = ?1")
                .setParameter(1, username).getResultList();
        Map<String, String> result = new TreeMap<>();
        rows.forEach(r -> result.put((String) r[0], ((Boolean) r[1] ? "admin" : "member") + "/" + r[2]));
        return result;
    }

    private Object[] user(String username) {
        return (Object[]) em.createNativeQuery("SELECT keycloak_id, active, platform_admin, synced_at IS NOT NULL"
                + " FROM app_user WHERE username = ?1").setParameter(1, username).getSingleResult();
    }

    private boolean hasQuota(String group) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM group_quota q JOIN tenant_group g ON g.id = q.group_id"
                + " WHERE g.name = ?1").setParameter(1, group).getSingleResult()).intValue() > 0;
    }

    @Test
    void shouldCreateTheUserAndTheirMembershipsAtTheirFirstRequest() {
        String group = unique("lab");
        KeycloakAdmin.createGroup(group);
        String name = unique("fay");
        String id = KeycloakAdmin.createUser(name, "/" + group, "/physics");
        given().header("Authorization", "Bearer " + KeycloakTokens.accessToken(name)).get("/api/tessera/v1/tokens")
                .then().statusCode(200);
        assertThat(user(name)).containsExactly(id, true, false, true);
        assertThat(memberships(name)).isEqualTo(Map.of(group, "member/keycloak", "physics", "member/keycloak"));
        // A group first seen in Keycloak exists, but without a quota it can reserve nothing (fail closed).
        assertThat(hasQuota(group)).isFalse();
    }

    @Test
    void shouldFollowKeycloakMembershipChangesAndDeactivateVanishedUsers() {
        String name = unique("erin");
        String id = KeycloakAdmin.createUser(name, "/climate", "/climate/admins");
        String adminGranted = unique("granted");
        groups.create(adminGranted, null);
        groups.addMember(adminGranted, name, false);

        sync.syncAll();
        assertThat(user(name)).containsExactly(id, true, false, true);
        assertThat(memberships(name)).isEqualTo(Map.of("climate", "admin/keycloak", adminGranted, "member/admin"));

        String geo = unique("geo");
        KeycloakAdmin.createGroup(geo);
        KeycloakAdmin.join(id, "/" + geo);
        KeycloakAdmin.leave(id, "/climate/admins");
        sync.syncAll();
        assertThat(memberships(name)).isEqualTo(Map.of("climate", "member/keycloak", adminGranted, "member/admin",
                geo, "member/keycloak"));

        KeycloakAdmin.leave(id, "/climate");
        sync.syncAll();
        // Removed in Keycloak: gone here; granted through the admin API: kept.
        assertThat(memberships(name)).isEqualTo(Map.of(adminGranted, "member/admin", geo, "member/keycloak"));

        KeycloakAdmin.deleteUser(id);
        sync.syncAll();
        // Never deleted (clusters and usage refer to users): deactivated, Keycloak memberships dropped.
        assertThat(user(name)).containsExactly(id, false, false, true);
        assertThat(memberships(name)).isEqualTo(Map.of(adminGranted, "member/admin"));
        // Groups are never deleted by sync either.
        assertThat(groups.get(geo)).isNotNull();
    }

    @Test
    void shouldRefuseUsersDisabledOrDeletedInKeycloakEvenWithStillValidTokens() {
        String disabled = unique("gus");
        String disabledId = KeycloakAdmin.createUser(disabled, "/physics");
        String deleted = unique("hal");
        String deletedId = KeycloakAdmin.createUser(deleted, "/physics");
        String disabledToken = KeycloakTokens.accessToken(disabled);
        String deletedToken = KeycloakTokens.accessToken(deleted);
        for (String token : new String[] {disabledToken, deletedToken}) {
            given().header("Authorization", "Bearer " + token).get("/api/tessera/v1/tokens").then().statusCode(200);
        }
        KeycloakAdmin.disableUser(disabledId);
        KeycloakAdmin.deleteUser(deletedId);
        sync.syncAll();
        for (String token : new String[] {disabledToken, deletedToken}) {
            given().header("Authorization", "Bearer " + token).get("/api/tessera/v1/tokens").then().statusCode(401);
        }
        assertThat(user(disabled)[1]).isEqualTo(false);
        assertThat(user(deleted)[1]).isEqualTo(false);
    }

    @Test
    void shouldSyncThePlatformAdminFlagFromTheRealmRole() {
        sync.syncAll();
        assertThat(user("dave")[2]).isEqualTo(true);
        assertThat(user("alice")[2]).isEqualTo(false);
        assertThat(memberships("bob")).containsEntry("physics", "admin/keycloak");
    }
}

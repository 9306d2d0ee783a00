package io.tessera.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.KeycloakTokens;
import io.tessera.gateway.testing.PostgresResource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Who may use the admin API: writes need platform-admin (dave, realm role tessera-admin); a
 * group's admins (bob, Keycloak subgroup /physics/admins) may read their own group only.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class AdminAuthorizationIT {

    private static final String GROUPS = "/api/admin/v1/groups";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static ValidatableResponse call(String method, String path, String authorization, String body) {
        var request = given().contentType(ContentType.JSON);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        if (body != null) {
            request = request.body(body);
        }
        return request.when().request(method, path).then();
    }

    private static String newGroup() {
        String name = "authz-" + ProcessHandle.current().pid() % 1000 + "-" + SEQUENCE.incrementAndGet();
        call("POST", GROUPS, KeycloakTokens.bearer("dave"), "{\"name\": \"" + name + "\"}").statusCode(201);
        return name;
    }

    @Test
    void shouldForbidEveryAdminWriteToANonAdmin() {
        String group = newGroup();
        String alice = KeycloakTokens.bearer("alice");
        String[][] writes = {
            {"POST", GROUPS, "{\"name\": \"alices-own\"}"},
            {"PUT", GROUPS + "/" + group + "/quota", "{\"cores\": 1000}"},
            {"PUT", GROUPS + "/" + group + "/budget", "{\"coreHoursPerMonth\": 1}"},
            {"PUT", GROUPS + "/" + group + "/members/alice", "{\"groupAdmin\": true}"},
            {"PUT", GROUPS + "/" + group + "/members/alice/cap", "{\"cores\": 1}"},
        };
        for (String[] write : writes) {
            call(write[0], write[1], alice, write[2]).statusCode(403).contentType(ContentType.JSON)
                    .body("error", containsString("platform-admin"));
        }
        // A group admin is no platform admin either: bob administers physics, yet cannot set its quota.
        call("PUT", GROUPS + "/physics/quota", KeycloakTokens.bearer("bob"), "{\"cores\": 1000}").statusCode(403);
    }

    @Test
    void shouldLetAPlatformAdminWriteWithAKeycloakTokenOrAnApiToken() {
        String group = newGroup();
        call("PUT", GROUPS + "/" + group + "/quota", KeycloakTokens.bearer("dave"), "{\"cores\": 8}").statusCode(200)
                .body("cores", equalTo(8));
        String token = call("POST", "/api/tessera/v1/tokens", KeycloakTokens.bearer("dave"), "{}").statusCode(201)
                .extract().path("token");
        // The role of an API token comes from the database flag that the login sync set.
        call("PUT", GROUPS + "/" + group + "/quota", "jupyterhub " + token, "{\"cores\": 16}").statusCode(200)
                .body("cores", equalTo(16));
    }

    @Test
    void shouldLetGroupAdminsReadOnlyTheirOwnGroup() {
        // carol's first request creates the climate group from Keycloak.
        call("GET", "/api/tessera/v1/tokens", KeycloakTokens.bearer("carol"), null).statusCode(200);
        String bob = KeycloakTokens.bearer("bob");
        call("GET", GROUPS + "/physics/usage", bob, null).statusCode(200);
        call("GET", GROUPS + "/physics", bob, null).statusCode(200).body("name", equalTo("physics"));
        call("GET", GROUPS + "/climate/usage", bob, null).statusCode(403).body("error",
                containsString("only platform admins and admins of group climate"));
        call("GET", GROUPS + "/physics/usage", KeycloakTokens.bearer("alice"), null).statusCode(403);
        call("GET", GROUPS + "/climate/usage", KeycloakTokens.bearer("dave"), null).statusCode(200);
        call("GET", GROUPS + "/physics/usage", null, null).statusCode(401);
    }
}

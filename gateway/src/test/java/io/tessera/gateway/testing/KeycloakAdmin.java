package io.tessera.gateway.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/**
 * Changes the test realm the way a Keycloak administrator would, through Keycloak's admin REST API
 * as the master realm's bootstrap admin (test-only credentials of e2e-tests/cluster/keycloak).
 * The gateway itself never writes to Keycloak.
 */
public final class KeycloakAdmin {

    private KeycloakAdmin() {
    }

    private static RequestSpecification admin() {
        String token = given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(KeycloakResource.url() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        return given().baseUri(KeycloakResource.url() + "/admin/realms/" + KeycloakResource.REALM)
                .header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Creates a user with the test password, in the given groups (paths); returns its id (the token's sub). */
    public static String createUser(String username, String... groupPaths) {
        String location = admin().body(Map.of("username", username, "enabled", true, "email", username + "@example.test",
                        "emailVerified", true, "firstName", "Test", "lastName", "User", "groups", List.of(groupPaths),
                        "credentials", List.of(Map.of("type", "password", "value", username + KeycloakResource.PASSWORD_SUFFIX,
                                "temporary", false))))
                .post("/users").then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public static void disableUser(String id) {
        admin().body(Map.of("enabled", false)).put("/users/" + id).then().statusCode(204);
    }

    public static void deleteUser(String id) {
        admin().delete("/users/" + id).then().statusCode(204);
    }

    /** Creates a top-level group; returns its id. */
    public static String createGroup(String name) {
        String location = admin().body(Map.of("name", name)).post("/groups").then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public static String groupId(String path) {
        return admin().get("/group-by-path" + path).then().statusCode(200).extract().path("id");
    }

    public static void join(String userId, String groupPath) {
        admin().put("/users/" + userId + "/groups/" + groupId(groupPath)).then().statusCode(204);
    }

    public static void leave(String userId, String groupPath) {
        admin().delete("/users/" + userId + "/groups/" + groupId(groupPath)).then().statusCode(204);
    }
}

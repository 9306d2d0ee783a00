package io.tessera.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform-admin API for a group's cluster options, and what members then see in GET /api/v1/options. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class GroupOptionsResourceIT {

    private static final String FULL = """
            {"workerCores": {"min": 0.5, "max": 16, "default": 2},
             "workerMemoryBytes": {"min": 1073741824, "max": 68719476736, "default": 8589934592},
             "workerGpus": {"min": 0, "max": 2, "default": 0},
             "images": ["registry.example/w:1", "registry.example/w:2"], "defaultImage": "registry.example/w:2",
             "idleTimeoutSeconds": {"min": 0, "max": 7200, "default": 1800},
             "maxWorkers": 50, "schedulerCores": 0.5, "schedulerMemoryBytes": 1073741824, "allowEnvironment": false}
            """;

    @Inject
    Tenants tenants;

    private static ValidatableResponse send(String method, String path, String body) {
        var request = given().contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.when().request(method, path).then();
    }

    @Test
    @TestSecurity(user = "root", roles = "platform-admin")
    void shouldReadDefaultsReplaceAndReadBackAGroupsOptions() {
        String group = tenants.group("opts", Tenants.cores(8));
        String path = "/api/admin/v1/groups/" + group + "/options";
        send("GET", path, null).statusCode(200).body("workerCores.min", equalTo(0.25f))
                .body("workerCores.default", equalTo(1)).body("maxWorkers", equalTo(100))
                .body("images", equalTo(List.of())).body("defaultImage", nullValue())
                .body("allowEnvironment", equalTo(true));
        send("PUT", path, FULL).statusCode(200).body("workerCores.max", equalTo(16)).body("allowEnvironment", equalTo(false))
                .body("defaultImage", equalTo("registry.example/w:2")).body("schedulerCores", equalTo(0.5f));
        send("GET", path, null).statusCode(200).body("workerGpus.max", equalTo(2)).body("maxWorkers", equalTo(50))
                .body("images[1]", equalTo("registry.example/w:2")).body("idleTimeoutSeconds.default", equalTo(1800))
                .body("allowEnvironment", equalTo(false));
        // absent sections go back to the built-in defaults
        send("PUT", path, "{\"maxWorkers\": 7}").statusCode(200).body("maxWorkers", equalTo(7))
                .body("images", equalTo(List.of())).body("workerCores.max", equalTo(8)).body("allowEnvironment", equalTo(true));
        send("PUT", path, "{\"allowEnvironment\": false}").statusCode(200);
        send("GET", path, null).statusCode(200).body("allowEnvironment", equalTo(false)).body("maxWorkers", equalTo(100));
    }

    @Test
    @TestSecurity(user = "root", roles = "platform-admin")
    void shouldRefuseInconsistentOptionsWith400NamingTheField() {
        String group = tenants.group("opts-bad", Tenants.cores(8));
        String path = "/api/admin/v1/groups/" + group + "/options";
        send("PUT", path, "{\"workerCores\": {\"min\": 4, \"max\": 2, \"default\": 3}}").statusCode(400)
                .body("error", containsString("workerCores needs 0 <= min <= default <= max"));
        send("PUT", path, "{\"workerCores\": {\"min\": 1, \"max\": 2}}").statusCode(400)
                .body("error", equalTo("workerCores.default is required"));
        send("PUT", path, "{\"images\": [\"a\"], \"defaultImage\": \"b\"}").statusCode(400)
                .body("error", equalTo("defaultImage must be one of images, got b"));
        send("PUT", path, "{\"workerGpus\": {\"min\": -1, \"max\": 2, \"default\": 0}}").statusCode(400);
        send("PUT", path, "{\"maxWorkers\": 10001}").statusCode(400);
        send("PUT", path, "{\"workerCores\": {\"min\": 0.0001, \"max\": 2, \"default\": 1}}").statusCode(400);
        send("PUT", path, "{\"surprise\": 1}").statusCode(400).body("error", equalTo("unknown field surprise"));
        send("PUT", path, "{\"allowEnvironment\": \"maybe\"}").statusCode(400);
        send("PUT", path, null).statusCode(400);
        send("GET", "/api/admin/v1/groups/no-such-group/options", null).statusCode(404);
    }

    @Test
    @TestSecurity(user = "ann")
    void shouldRefuseMembersWithoutThePlatformAdminRole() {
        send("GET", "/api/admin/v1/groups/any/options", null).statusCode(403);
        send("PUT", "/api/admin/v1/groups/any/options", "{}").statusCode(403);
    }

    @Test
    void shouldRefuseAnonymousCallers() {
        send("GET", "/api/admin/v1/groups/any/options", null).statusCode(401);
    }

    @Test
    void shouldDocumentTheOptionsApiInOpenApi() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/admin/v1/groups/{group}/options'.put.summary", containsString("Replace"))
                .body("paths.'/api/v1/clusters'.post.summary", containsString("Create a cluster"));
    }
}

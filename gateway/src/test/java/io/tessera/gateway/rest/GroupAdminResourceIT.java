package io.tessera.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.CreateCluster;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.KeycloakTokens;
import io.tessera.gateway.testing.PostgresResource;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class GroupAdminResourceIT {

    private static final String GROUPS = "/api/admin/v1/groups";
    /** Created once by the error cases' setup; the cases refer to it by name. */
    private static final String EXISTING = "rest-errors";

    @Inject
    AdmissionService admission;

    /** Every call is made as dave, a platform admin in the test realm, with a real Keycloak token. */
    private static ValidatableResponse send(String method, String path, String body) {
        var request = given().contentType(ContentType.JSON).header("Authorization", KeycloakTokens.bearer("dave"));
        if (body != null) {
            request = request.body(body);
        }
        return request.when().request(method, path).then();
    }

    @Test
    void shouldSetUpAGroupAndReportItsUsageAndHeadroom() {
        send("POST", GROUPS, "{\"name\": \"astro\"}").statusCode(201)
                .body("name", equalTo("astro")).body("namespace", equalTo("tessera-astro"));
        send("PUT", GROUPS + "/astro/quota", "{\"cores\": 64, \"memoryBytes\": 274877906944, \"clusters\": 5}")
                .statusCode(200).body("cores", equalTo(64)).body("gpus", nullValue());
        send("PUT", GROUPS + "/astro/budget", "{\"coreHoursPerMonth\": 1000.5}").statusCode(200)
                .body("coreHoursPerMonth", equalTo(1000.5f));
        send("PUT", GROUPS + "/astro/members/carol", "{\"groupAdmin\": true}").statusCode(200)
                .body("groupAdmin", equalTo(true));
        send("PUT", GROUPS + "/astro/members/carol/cap", "{\"cores\": 8.5}").statusCode(200).body("cores", equalTo(8.5f));
        admission.create(new CreateCluster("astro", "carol", "survey", new Resources(8_500, 1L << 34, 0, 8)));
        send("GET", GROUPS + "/astro/usage", null).statusCode(200)
                .body("reserved.cores", equalTo(8.5f)).body("reserved.clusters", equalTo(1))
                .body("headroom.cores", equalTo(55.5f)).body("headroom.memoryBytes", equalTo(257698037760L))
                .body("headroom.clusters", equalTo(4)).body("headroom.gpus", nullValue())
                .body("budget.coreHoursPerMonth", equalTo(1000.5f)).body("coreHoursUsedThisMonth", equalTo(0f));
    }

    static Stream<Arguments> badRequests() {
        String g = GROUPS + "/" + EXISTING;
        return Stream.of(
                Arguments.of("POST", GROUPS, "{\"name\": \"" + EXISTING + "\"}", 409, "a group named " + EXISTING),
                Arguments.of("POST", GROUPS, "{\"name\": \"Bad_Name\"}", 400, "group name must be a DNS label"),
                Arguments.of("POST", GROUPS, "{\"name\": \"" + "x".repeat(41) + "\"}", 400, "group name must be"),
                Arguments.of("POST", GROUPS, "{\"name\": \"ok\", \"namespace\": \"-bad\"}", 400, "namespace must be"),
                Arguments.of("POST", GROUPS, "{\"name\": ", 400, "invalid JSON"),
                Arguments.of("POST", GROUPS, "[1, 2]", 400, "invalid value for body"),
                Arguments.of("POST", GROUPS, null, 400, "body is required"),
                Arguments.of("GET", GROUPS + "/nope", null, 404, "group nope not found"),
                Arguments.of("GET", GROUPS + "/nope/usage", null, 404, "group nope not found"),
                Arguments.of("PUT", GROUPS + "/nope/quota", "{}", 404, "group nope not found"),
                Arguments.of("PUT", g + "/quota", "{\"cores\": \"lots\"}", 400, "invalid value for cores"),
                Arguments.of("PUT", g + "/quota", "{\"cores\": -1}", 400, "cores must not be negative"),
                Arguments.of("PUT", g + "/quota", "{\"cores\": 0.0001}", 400, "multiple of 0.001"),
                Arguments.of("PUT", g + "/quota", "{\"memoryBytes\": 1e400}", 400, "out of range of long"),
                Arguments.of("PUT", g + "/quota", "{\"clusters\": 3000000000}", 400, "clusters must be at most"),
                Arguments.of("PUT", g + "/quota", "{\"gpu\": 1}", 400, "unknown field gpu"),
                Arguments.of("PUT", g + "/quota", null, 400, "body is required"),
                Arguments.of("PUT", g + "/budget", "{\"gpuHoursPerMonth\": -5}", 400, "gpuHoursPerMonth must be between"),
                Arguments.of("PUT", g + "/members/Not%20Valid", "{}", 400, "username must be"),
                Arguments.of("PUT", g + "/members/nobody-here/cap", "{}", 404, "is not a member"),
                Arguments.of("PUT", g + "/members/dave/cap", "{\"workersPerCluster\": 3}", 400, "group-wide limit"),
                Arguments.of("DELETE", g, null, 405, ""),
                Arguments.of("GET", "/api/admin/v1/nothing-here", null, 404, ""));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badRequests")
    void shouldAnswerBadRequestsWithA4xxAndAnErrorBody(String method, String path, String body, int status,
                                                      String message) {
        if (given().header("Authorization", KeycloakTokens.bearer("dave")).get(GROUPS + "/" + EXISTING).statusCode() == 404) {
            send("POST", GROUPS, "{\"name\": \"" + EXISTING + "\"}").statusCode(201);
            send("PUT", GROUPS + "/" + EXISTING + "/members/dave", "{}").statusCode(200);
        }
        send(method, path, body).statusCode(status).contentType(ContentType.JSON).body("error", containsString(message));
    }

    @Test
    void shouldCountAdmissionsByOperationAndResultOnly() {
        send("POST", GROUPS, "{\"name\": \"metrics\"}").statusCode(201);
        admission.create(new CreateCluster("metrics", "stranger", "c", Resources.ZERO));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tessera_gateway_admissions_total{operation=\"create\",result=\"rejected\"}"));
    }

    @Test
    void shouldServeTheOpenApiDocument() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/admin/v1/groups/{group}/quota'.put.summary", startsWith("Set the group's quota"));
    }
}

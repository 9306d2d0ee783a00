package io.tessera.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.KeycloakTokens;
import io.tessera.gateway.testing.PostgresResource;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input found to give 500s or empty 4xx bodies (issue 12): a NUL byte in a path segment, a query
 * parameter or a JSON string (PostgreSQL refuses NUL in text), group options with images but no
 * default image, a multipart body without boundary, an over-long URI. Each is a 4xx with
 * {@code {"error": ...}}. Also the standard health endpoints the chart's probes use.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class BadInputIT {

    private static RequestSpecification as(String user) {
        return given().urlEncodingEnabled(false).header("Authorization", KeycloakTokens.bearer(user));
    }

    static Stream<Arguments> nulInPaths() {
        return Stream.of(
                Arguments.of("alice", "GET", "/api/v1/clusters/a%00b"),
                Arguments.of("alice", "DELETE", "/api/v1/clusters/%00"),
                Arguments.of("alice", "POST", "/api/v1/clusters/a%00/scale"),
                Arguments.of("dave", "GET", "/api/admin/v1/groups/x%00y"),
                Arguments.of("dave", "GET", "/api/admin/v1/groups/x%00y/usage"),
                Arguments.of("dave", "PUT", "/api/admin/v1/groups/x%00/members/y"),
                Arguments.of("dave", "GET", "/api/admin/v1/reports/usage/users/%00"),
                Arguments.of("dave", "GET", "/api/admin/v1/reports/usage/groups/g%00"),
                Arguments.of("dave", "GET", "/api/admin/v1/reports/usage?month=2026-11%00"),
                Arguments.of("alice", "DELETE", "/api/tessera/v1/tokens/%00"),
                Arguments.of("alice", "GET", "/api/v1/clusters/?status=RUNNING%01"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("nulInPaths")
    void shouldRefuseControlCharactersInPathsAndQueriesWithA400(String user, String method, String path) {
        as(user).contentType(ContentType.JSON).body("{}").when().request(method, path).then()
                .statusCode(400).contentType(ContentType.JSON).body("error", containsString("control character"));
    }

    static Stream<Arguments> nulInJson() {
        return Stream.of(
                Arguments.of("dave", "POST", "/api/admin/v1/groups", "{\"name\": \"a\\u0000b\"}"),
                Arguments.of("dave", "PUT", "/api/admin/v1/groups/physics/options",
                        "{\"images\": [\"a\\u0000\"], \"defaultImage\": \"a\\u0000\"}"),
                Arguments.of("alice", "POST", "/api/tessera/v1/tokens", "{\"description\": \"laptop\\u0000\"}"),
                Arguments.of("alice", "POST", "/api/v1/clusters/",
                        "{\"cluster_options\": {\"environment\": {\"pip\": [\"numpy\\u0000\"]}}}"),
                Arguments.of("alice", "POST", "/api/v1/clusters/", "{\"cluster_options\": {\"group\": \"\\u0000\"}}"));
    }

    @ParameterizedTest(name = "{1} {2} {3}")
    @MethodSource("nulInJson")
    void shouldRefuseControlCharactersInJsonStringsWithA400(String user, String method, String path, String body) {
        as(user).contentType(ContentType.JSON).body(body).when().request(method, path).then()
                .statusCode(400).contentType(ContentType.JSON).body("error", containsString("control character"));
    }

    @Test
    void shouldRefuseGroupOptionsWithImagesButNoDefaultImageWithA400() {
        as("dave").contentType(ContentType.JSON).body("{\"name\": \"imgs-" + ProcessHandle.current().pid() + "\"}")
                .post("/api/admin/v1/groups");
        as("dave").contentType(ContentType.JSON).body("{\"images\": [\"example.org/worker:1\"]}")
                .put("/api/admin/v1/groups/imgs-" + ProcessHandle.current().pid() + "/options").then()
                .statusCode(400).body("error", equalTo("defaultImage is required when images is not empty: one of images"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("multipartTargets")
    void shouldAnswerAMultipartBodyWithoutBoundaryWithAJsonError(String user, String path) {
        as(user).contentType("multipart/form-data").body("--x\r\n\r\n--x--\r\n".getBytes(StandardCharsets.US_ASCII))
                .post(path).then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)))
                .contentType(ContentType.JSON).body("error", notNullValue());
    }

    static Stream<Arguments> multipartTargets() {
        return Stream.of(Arguments.of("dave", "/api/admin/v1/groups"), Arguments.of("alice", "/api/tessera/v1/tokens"),
                Arguments.of("alice", "/api/v1/clusters/"), Arguments.of("alice", "/api/v1/clusters/x/scale"));
    }

    @Test
    void shouldAnswerAnOverlongUriWithAJson414() {
        as("alice").get("/api/v1/clusters/" + "x".repeat(9000)).then().statusCode(414)
                .contentType(ContentType.JSON).body("error", containsString("longer than 8192"));
    }

    @Test
    void shouldServeTheStandardHealthEndpointsWithoutCredentials() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }
}

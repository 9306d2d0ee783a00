package io.tessera.gateway.testing;

import static io.restassured.RestAssured.given;

/** Real access tokens from the test Keycloak (password grant of the realm's test clients). */
public final class KeycloakTokens {

    private KeycloakTokens() {
    }

    /** An access token for the gateway (client tessera-cli) of a realm user with the test password. */
    public static String accessToken(String username) {
        return accessToken(KeycloakResource.url(), KeycloakResource.CLI_CLIENT, username);
    }

    /** A token from any test client; {@code baseUrl} decides the issuer (127.0.0.1 vs localhost). */
    public static String accessToken(String baseUrl, String client, String username) {
        return given().formParam("grant_type", "password").formParam("client_id", client)
                .formParam("username", username).formParam("password", username + KeycloakResource.PASSWORD_SUFFIX)
                .when().post(baseUrl + "/realms/" + KeycloakResource.REALM + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    public static String bearer(String username) {
        return "Bearer " + accessToken(username);
    }
}

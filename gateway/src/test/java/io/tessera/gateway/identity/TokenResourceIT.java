package io.tessera.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tessera.gateway.group.UserEntity;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.KeycloakTokens;
import io.tessera.gateway.testing.PostgresResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Creating, using and revoking Tessera API tokens through /api/tessera/v1/tokens. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class TokenResourceIT {

    private static final String TOKENS = "/api/tessera/v1/tokens";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    EntityManager em;

    @Inject
    TokenService tokens;

    private static ValidatableResponse call(String method, String path, String authorization, String body) {
        var request = given().redirects().follow(false);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when().request(method, path).then();
    }

    /** Creates a token as {@code user} (Keycloak login) and returns [id, token]. */
    private static String[] create(String user, String body) {
        var created = call("POST", TOKENS, KeycloakTokens.bearer(user), body).statusCode(201).extract();
        return new String[] {created.path("id").toString(), created.path("token")};
    }

    @Test
    void shouldShowATokenOnceAndStoreOnlyItsHash() {
        var created = call("POST", TOKENS, KeycloakTokens.bearer("alice"), "{\"description\": \"laptop\", \"expiresInDays\": 30}")
                .statusCode(201).body("token", startsWith("tsr_")).body("description", equalTo("laptop"))
                .body("expiresAt", notNullValue()).extract();
        String token = created.path("token");
        long id = ((Number) created.path("id")).longValue();
        String listed = call("GET", TOKENS, KeycloakTokens.bearer("alice"), null).statusCode(200)
                .body("id", hasItem((int) id)).extract().asString();
        assertThat(listed).doesNotContain(token).doesNotContain(token.substring(17)).doesNotContain("\"token\"");
        // The database has the prefix and a SHA-256, nothing from which the token could be read back.
        Object[] row = (Object[]) em.createNativeQuery("SELECT prefix, token_sha256, row_to_json(t)::text FROM api_token t"
                + " WHERE id = ?1").setParameter(1, id).getSingleResult();
        assertThat(row[0]).isEqualTo(token.substring(0, 16));
        assertThat((byte[]) row[1]).isEqualTo(ApiTokenFormat.sha256(token));
        assertThat((String) row[2]).doesNotContain(token.substring(17));
    }

    @Test
    void shouldAuthenticateWithTheTokenInEverySchemeAndRecordItsUse() {
        String[] created = create("alice", "{}");
        for (String scheme : new String[] {"Bearer ", "token ", "jupyterhub "}) {
            call("GET", TOKENS, scheme + created[1], null).statusCode(200).body("id", hasItem(Integer.parseInt(created[0])));
        }
        call("GET", TOKENS, KeycloakTokens.bearer("alice"), null).statusCode(200)
                .body("find { it.id == " + created[0] + " }.lastUsedAt", notNullValue());
    }

    @Test
    void shouldRejectARevokedToken() {
        String[] created = create("alice", "{}");
        call("GET", TOKENS, "Bearer " + created[1], null).statusCode(200);
        call("DELETE", TOKENS + "/" + created[0], KeycloakTokens.bearer("alice"), null).statusCode(204);
        call("DELETE", TOKENS + "/" + created[0], KeycloakTokens.bearer("alice"), null).statusCode(204);
        call("GET", TOKENS, "Bearer " + created[1], null).statusCode(401).body("error", equalTo("API token revoked"));
    }

    @Test
    void shouldRejectAnExpiredToken() {
        String[] created = create("alice", "{\"expiresInDays\": 1}");
        call("GET", TOKENS, "token " + created[1], null).statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE api_token SET created_at = now() - interval '3 days',"
                + " expires_at = now() - interval '1 second' WHERE id = ?1").setParameter(1, Long.parseLong(created[0])).executeUpdate());
        call("GET", TOKENS, "token " + created[1], null).statusCode(401).body("error", equalTo("API token expired"));
    }

    @Test
    void shouldNotLetAnotherUserSeeOrRevokeMyToken() {
        String[] mine = create("alice", "{}");
        call("DELETE", TOKENS + "/" + mine[0], KeycloakTokens.bearer("carol"), null).statusCode(404)
                .body("error", containsString("not found"));
        String carols = call("GET", TOKENS, KeycloakTokens.bearer("carol"), null).statusCode(200).extract().asString();
        assertThat(carols).doesNotContain(mine[0].isEmpty() ? "x" : "\"id\":" + mine[0] + ",");
        call("GET", TOKENS, "Bearer " + mine[1], null).statusCode(200);
    }

    @Test
    void shouldNotLetAnApiTokenCreateTokens() {
        String[] created = create("alice", "{}");
        call("POST", TOKENS, "Bearer " + created[1], "{}").statusCode(403).contentType(ContentType.JSON)
                .body("error", containsString("API tokens cannot create API tokens"));
    }

    @Test
    void shouldRejectTokensOfDeactivatedUsers() {
        String name = "ghost-" + SEQUENCE.incrementAndGet() + "-" + ProcessHandle.current().pid() % 1000;
        String token = QuarkusTransaction.requiringNew().call(() -> {
            UserEntity user = new UserEntity();
            user.username = name;
            em.persist(user);
            return tokens.create(name, "", null).token();
        });
        call("GET", TOKENS, "Bearer " + token, null).statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("update UserEntity u set u.active = false where u.username = ?1")
                .setParameter(1, name).executeUpdate());
        call("GET", TOKENS, "Bearer " + token, null).statusCode(401).body("error", containsString("deactivated"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "POST | '' | '{\"expiresInDays\": 0}' | 400 | expiresInDays must be between 1 and 3650",
        "POST | '' | '{\"expiresInDays\": -3}' | 400 | expiresInDays must be between",
        "POST | '' | '{\"expiresInDays\": 4000}' | 400 | expiresInDays must be between",
        "POST | '' | '{\"expiresInDays\": \"soon\"}' | 400 | invalid value for expiresInDays",
        "POST | '' | '{\"expiresInDays\": 99999999999}' | 400 | out of range of int",
        "POST | '' | '{\"scope\": \"all\"}' | 400 | unknown field scope",
        "POST | '' | '{\"description\": ' | 400 | invalid JSON",
        "POST | '' | '[]' | 400 | invalid value for body",
        "DELETE | /999999999 | | 404 | API token 999999999 not found",
    })
    void shouldAnswerBadTokenRequestsWithA4xx(String method, String path, String body, int status, String message) {
        call(method, TOKENS + path, KeycloakTokens.bearer("alice"), body).statusCode(status).contentType(ContentType.JSON)
                .body("error", containsString(message));
    }

    @Test
    void shouldRejectAnOverlongDescription() {
        call("POST", TOKENS, KeycloakTokens.bearer("alice"), "{\"description\": \"" + "d".repeat(201) + "\"}")
                .statusCode(400).body("error", containsString("description must be at most 200"));
    }
}

package io.tessera.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.KeycloakTokens;
import io.tessera.gateway.testing.PostgresResource;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may call /api: Keycloak bearer tokens for this gateway and Tessera API tokens; everything else is a 401. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class ApiAuthenticationIT {

    private static final String TOKENS = "/api/tessera/v1/tokens";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static ValidatableResponse get(String path, String authorization) {
        var request = given().redirects().follow(false);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.when().get(path).then();
    }

    /** A 401 the dask-gateway client can work with: challenge header, JSON error, no redirect. */
    private static void assertUnauthorized(ValidatableResponse response, String message) {
        response.statusCode(401).header("WWW-Authenticate", startsWith("Bearer realm=\"tessera\""))
                .contentType("application/json").body("error", containsString(message));
    }

    @Test
    void shouldAcceptAKeycloakAccessTokenAndNameTheCallerByUsername() {
        get(TOKENS, KeycloakTokens.bearer("carol")).statusCode(200);
    }

    @Test
    void shouldAnswer401WithAChallengeAndJsonWithoutCredentials() {
        for (String path : new String[] {TOKENS, "/api/admin/v1/groups/physics"}) {
            assertUnauthorized(get(path, null), "authentication required");
        }
    }

    @Test
    void shouldKeepHealthAndVersionPublicEvenWithBadCredentials() {
        get("/api/health", "Bearer garbage").statusCode(not(401));
        get("/api/version", null).statusCode(not(401));
    }

    static Stream<String> badBearerTokens() throws Exception {
        String real = KeycloakTokens.accessToken("alice");
        String[] parts = real.split("\\.");
        // Same signature, payload changed to claim another user: the signature no longer matches.
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"alice\"", "\"dave\"");
        String tampered = parts[0] + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        // Correct header and claims, signed with a key Keycloak never had.
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.generateKeyPair().getPrivate());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        String forged = parts[0] + "." + parts[1] + "." + B64.encodeToString(rsa.sign());
        String unsigned = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        return Stream.of(tampered, forged, unsigned, "garbage", "a.b.c", real.substring(0, real.length() - 5),
                // Issued for another client of the realm: no gateway audience.
                KeycloakTokens.accessToken(KeycloakResource.url(), "other-app", "alice"),
                // Same realm and key, but another issuer URL than the gateway trusts.
                KeycloakTokens.accessToken(KeycloakResource.url().replace("127.0.0.1", "localhost"),
                        KeycloakResource.CLI_CLIENT, "alice"));
    }

    @ParameterizedTest
    @MethodSource("badBearerTokens")
    void shouldRejectForgedMalformedAndForeignBearerTokensWith401(String token) {
        assertUnauthorized(get(TOKENS, "Bearer " + token), "invalid bearer token");
    }

    @Test
    void shouldRejectAnExpiredKeycloakToken() throws InterruptedException {
        // tessera-cli-short issues 10-second tokens (Keycloak truncates issued-at to the second):
        // long enough to be used once on a busy machine, short enough to wait out.
        String token = KeycloakTokens.accessToken(KeycloakResource.url(), "tessera-cli-short", "alice");
        get(TOKENS, "Bearer " + token).statusCode(200);
        Thread.sleep(11_500);
        assertUnauthorized(get(TOKENS, "Bearer " + token), "invalid bearer token");
    }

    @Test
    void shouldRejectMalformedAndUnknownApiTokensInEveryScheme() {
        String unknown = "tsr_AAAAAAAAAAAA_" + "A".repeat(43);
        for (String scheme : new String[] {"Bearer", "token", "jupyterhub"}) {
            assertUnauthorized(get(TOKENS, scheme + " tsr_short"), "malformed API token");
            assertUnauthorized(get(TOKENS, scheme + " " + unknown), "unknown API token");
        }
        assertUnauthorized(get(TOKENS, "token not-a-tessera-token"), "malformed API token");
    }

    @Test
    void shouldNeverRedirectApiCalls() {
        get(TOKENS, null).statusCode(equalTo(401)).header("Location", nullValue());
    }
}

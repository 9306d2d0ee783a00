package io.tessera.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationHeaderTest {

    private static final String TOKEN = "tsr_AAAAAAAAAAAA_" + "B".repeat(43);

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER  ", "token ", "Token ", "jupyterhub ", "JupyterHub "})
    void shouldReadTesseraTokensFromEveryAcceptedScheme(String scheme) {
        assertThat(AuthorizationHeader.tesseraToken(scheme + TOKEN)).contains(TOKEN);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig", "Basic dXNlcjpwYXNz", "Bearer", "tsr_x", "Digest " + "tsr_x",
        "Bearer "})
    void shouldLeaveEverythingElseToOtherMechanisms(String header) {
        assertThat(AuthorizationHeader.tesseraToken(header)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"token not-a-token, not-a-token", "jupyterhub abc, abc", "Bearer tsr_bad, tsr_bad"})
    void shouldPassMalformedTokensOnSoThatTheyAreRejectedWithAReason(String header, String value) {
        assertThat(AuthorizationHeader.tesseraToken(header)).contains(value);
    }
}

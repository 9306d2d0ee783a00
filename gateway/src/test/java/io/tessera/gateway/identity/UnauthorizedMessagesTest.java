package io.tessera.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnauthorizedMessagesTest {

    @Test
    void shouldExplainHowToAuthenticateWhenNothingWasSent() {
        assertThat(UnauthorizedMessages.of(null, false)).startsWith("authentication required")
                .contains("Bearer", "tsr_", "jupyterhub");
    }

    @Test
    void shouldPreferTheApiTokenRejectionReason() {
        assertThat(UnauthorizedMessages.of("API token revoked", true)).isEqualTo("API token revoked");
    }

    @Test
    void shouldCallAnyOtherSentCredentialAnInvalidBearerToken() {
        assertThat(UnauthorizedMessages.of(null, true)).startsWith("invalid bearer token");
    }
}

package io.tessera.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenFormatTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void shouldGenerateRecognisableTokensWithA256BitSecret() {
        ApiTokenFormat.NewToken token = ApiTokenFormat.generate(random);
        assertThat(token.token()).startsWith("tsr_").hasSize(4 + 12 + 1 + 43);
        assertThat(token.prefix()).isEqualTo(token.token().substring(0, 16)).hasSizeBetween(8, 32);
        assertThat(token.sha256()).hasSize(32).isEqualTo(ApiTokenFormat.sha256(token.token()));
    }

    @Test
    void shouldNeverStoreTheSecretInThePrefix() {
        ApiTokenFormat.NewToken token = ApiTokenFormat.generate(random);
        String secret = token.token().substring(17);
        assertThat(token.prefix()).doesNotContain(secret);
    }

    @Test
    void shouldGenerateDistinctTokensAndPrefixes() {
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            assertThat(prefixes.add(ApiTokenFormat.generate(random).prefix())).isTrue();
        }
    }

    @Test
    void shouldFindThePrefixOnlyOfWellFormedTokens() {
        String good = ApiTokenFormat.generate(random).token();
        assertThat(ApiTokenFormat.prefixOf(good)).contains(good.substring(0, 16));
        assertThat(ApiTokenFormat.prefixOf(null)).isEmpty();
        assertThat(ApiTokenFormat.prefixOf("tsr_short")).isEmpty();
        assertThat(ApiTokenFormat.prefixOf(good + "x")).isEmpty();
        assertThat(ApiTokenFormat.prefixOf(good.replace("tsr_", "tsx_"))).isEmpty();
        assertThat(ApiTokenFormat.prefixOf(good.substring(0, 20) + "!" + good.substring(21))).isEmpty();
        assertThat(ApiTokenFormat.prefixOf(" " + good)).isEmpty();
    }

    @Test
    void shouldMatchOnlyTheExactToken() {
        String token = ApiTokenFormat.generate(random).token();
        byte[] stored = ApiTokenFormat.sha256(token);
        assertThat(ApiTokenFormat.matches(token, stored)).isTrue();
        String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        assertThat(ApiTokenFormat.matches(altered, stored)).isFalse();
    }
}

package io.tessera.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceNamesTest {

    private static final String SETTING = "tessera.operator.network-policy.allowed-namespaces";

    @Test
    void shouldAcceptNamespaceNamesAndTrimThem() {
        assertThat(NamespaceNames.check(SETTING, List.of("tessera-system", " monitoring", "a", "x".repeat(63))))
                .containsExactly("tessera-system", "monitoring", "a", "x".repeat(63));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Monitoring", "tessera_system", "-tessera", "tessera-", "", "a.b"})
    void shouldRejectWhatIsNoNamespaceNameNamingTheSetting(String name) {
        assertThatThrownBy(() -> NamespaceNames.check(SETTING, List.of("tessera-system", name)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(SETTING + ": \"" + name + "\" is not a namespace name")
                .hasMessageContaining("tessera-system,monitoring");
    }

    @Test
    void shouldRejectANameLongerThan63Characters() {
        assertThatThrownBy(() -> NamespaceNames.check(SETTING, List.of("x".repeat(64))))
                .hasMessageContaining("at most 63 characters");
    }
}

package io.tessera.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GroupFiguresTest {

    @Test
    void shouldGiveUtilisationOnlyForAPositiveLimit() {
        assertThat(GroupFigures.utilisation(3_000, OptionalLong.of(12_000))).hasValue(0.25);
        assertThat(GroupFigures.utilisation(3_000, OptionalLong.empty())).isEmpty();
        assertThat(GroupFigures.utilisation(0, OptionalLong.of(0))).isEmpty();
        assertThat(GroupFigures.utilisation(15_000, OptionalLong.of(12_000))).hasValue(1.25);
    }
}

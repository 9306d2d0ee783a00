package io.tessera.gateway.options;

import static io.tessera.gateway.options.OptionsFixtures.GI;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupOptionsTest {

    private static GroupOptions with(Range cores, List<String> images, String defaultImage, int maxWorkers) {
        return new GroupOptions(cores, new Range(GI, 2 * GI, GI), new Range(0, 0, 0), images, defaultImage,
                new Range(0, 10, 5), maxWorkers, 1_000, GI, true);
    }

    @Test
    void shouldRefuseInconsistentBoundsWithAMessageNamingTheOption() {
        assertThatThrownBy(() -> with(new Range(2_000, 1_000, 1_500), List.of(), null, 10))
                .hasMessage("workerCores needs 0 <= min <= default <= max, got min 2000, default 1500, max 1000");
        assertThatThrownBy(() -> with(new Range(0, 1_000, 0), List.of(), null, 10))
                .hasMessageContaining("workerCores.min and workerMemoryBytes.min must be positive");
        assertThatThrownBy(() -> with(new Range(1, 1_000, 1), List.of("a"), "b", 10))
                .hasMessage("defaultImage must be one of images, got b");
        assertThatThrownBy(() -> with(new Range(1, 1_000, 1), List.of("a"), null, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("defaultImage is required when images is not empty: one of images");
        assertThatThrownBy(() -> with(new Range(1, 1_000, 1), List.of(), "b", 10))
                .hasMessage("defaultImage needs images to choose from");
        assertThatThrownBy(() -> with(new Range(1, 1_000, 1), List.of("a", "a"), "a", 10))
                .hasMessage("images must not repeat an image");
        assertThatThrownBy(() -> with(new Range(1, 1_000, 1), List.of(), null, 10_001))
                .hasMessage("maxWorkers must be between 0 and 10000, got 10001");
    }
}

package io.tessera.gateway.options;

import static io.tessera.gateway.options.OptionsFixtures.GI;
import static io.tessera.gateway.options.OptionsFixtures.RICH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OptionsParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> GROUPS = List.of("astro", "physics");
    /** astro has the defaults, physics the rich options. */
    private static final Map<String, GroupOptions> BOUNDS = Map.of("astro", GroupOptions.DEFAULTS, "physics", RICH);

    private static ClusterOptions parse(String json) {
        try {
            JsonNode node = json == null ? null : MAPPER.readTree(json);
            return OptionsParser.parse(node, GROUPS, BOUNDS::get);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void shouldTakeEveryDefaultOfTheDefaultGroupWhenNothingIsSent() {
        ClusterOptions expected = new ClusterOptions("astro", 1_000, 4 * GI, 0, null, 3_600);
        assertThat(parse(null)).isEqualTo(expected);
        assertThat(parse("null")).isEqualTo(expected);
        assertThat(parse("{}")).isEqualTo(expected);
    }

    @Test
    void shouldApplyTheChosenGroupsBoundsAndDefaults() {
        assertThat(parse("{\"group\": \"physics\", \"worker_gpus\": 2, \"worker_cores\": 0.5}"))
                .isEqualTo(new ClusterOptions("physics", 500, 8 * GI, 2, "registry.example/worker:2026.3", 1_800));
        assertThat(parse("{\"group\": \"physics\", \"image\": \"registry.example/worker-gpu:2026.3\", "
                + "\"worker_memory\": 1.5, \"idle_timeout\": 7200, \"worker_cores\": 3}"))
                .isEqualTo(new ClusterOptions("physics", 3_000, 3 * GI / 2, 0, "registry.example/worker-gpu:2026.3", 7_200));
    }

    @Test
    void shouldRejectUnknownFieldsInDaskGatewaysWords() {
        assertThatThrownBy(() -> parse("{\"worker_cores\": 1, \"zz\": 1, \"a\": 2}"))
                .isInstanceOf(OptionsException.class).hasMessage("Unknown fields ['a', 'zz']");
        // image is a field only where the group offers images
        assertThatThrownBy(() -> parse("{\"image\": \"x\"}")).hasMessage("Unknown fields ['image']");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"worker_cores\": 9}|worker_cores 9 is out of range: allowed 0.25 to 8",
        "{\"worker_cores\": 0.1}|worker_cores 0.1 is out of range: allowed 0.25 to 8",
        "{\"worker_cores\": 0.0001}|worker_cores must be a multiple of 0.001, got 0.0001",
        "{\"worker_cores\": \"2\"}|worker_cores must be a number, got \"2\"",
        "{\"worker_cores\": true}|worker_cores must be a number, got true",
        "{\"worker_cores\": null}|worker_cores must be a number, got null",
        "{\"worker_cores\": 1e308}|worker_cores 1.0E308 is out of range: allowed 0.25 to 8",
        "{\"worker_memory\": 64.5}|worker_memory 64.5 is out of range: allowed 1 to 64",
        "{\"worker_memory\": -1}|worker_memory -1 is out of range: allowed 1 to 64",
        "{\"worker_gpus\": 1}|worker_gpus 1 is out of range: allowed 0 to 0",
        "{\"worker_gpus\": 1.0}|worker_gpus must be an integer, got 1.0",
        "{\"idle_timeout\": 99999999999999999999}|idle_timeout 99999999999999999999 is out of range: allowed 0 to 86400",
        "{\"group\": \"chemistry\"}|group must be one of ['astro', 'physics'], got \"chemistry\"",
        "{\"group\": 3}|group must be one of ['astro', 'physics'], got 3",
        "{\"group\": \"physics\", \"image\": \"evil:latest\"}|image must be one of ['registry.example/worker:2026.3', 'registry.example/worker-gpu:2026.3'], got \"evil:latest\"",
        "{\"group\": \"physics\", \"idle_timeout\": 0}|idle_timeout 0 is out of range: allowed 600 to 7200",
        "[1, 2]|cluster_options must be a JSON object, got [1,2]",
        "\"x\"|cluster_options must be a JSON object, got \"x\"",
    })
    void shouldRejectBadValuesNamingFieldValueAndRange(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(OptionsException.class).hasMessage(message);
    }

    @Test
    void shouldNormaliseToTheWireNamesAndUnits() {
        assertThat(parse("{\"group\": \"physics\", \"worker_memory\": 0.5}").normalised())
                .containsExactly(Map.entry("group", "physics"), Map.entry("image", "registry.example/worker:2026.3"),
                        Map.entry("worker_cores", 2.0), Map.entry("worker_memory", 0.5), Map.entry("worker_gpus", 0L),
                        Map.entry("idle_timeout", 1_800L));
    }
}

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
        ClusterOptions expected = new ClusterOptions("astro", 1_000, 4 * GI, 0, null, 3_600, ClusterEnvironment.EMPTY);
        assertThat(parse(null)).isEqualTo(expected);
        assertThat(parse("null")).isEqualTo(expected);
        assertThat(parse("{}")).isEqualTo(expected);
    }

    @Test
    void shouldApplyTheChosenGroupsBoundsAndDefaults() {
        assertThat(parse("{\"group\": \"physics\", \"worker_gpus\": 2, \"worker_cores\": 0.5}"))
                .isEqualTo(new ClusterOptions("physics", 500, 8 * GI, 2, "registry.example/worker:2026.3", 1_800, null));
        assertThat(parse("{\"group\": \"physics\", \"image\": \"registry.example/worker-gpu:2026.3\", "
                + "\"worker_memory\": 1.5, \"idle_timeout\": 7200, \"worker_cores\": 3}"))
                .isEqualTo(new ClusterOptions("physics", 3_000, 3 * GI / 2, 0, "registry.example/worker-gpu:2026.3", 7_200, null));
    }

    @Test
    void shouldRejectUnknownFieldsInDaskGatewaysWords() {
        assertThatThrownBy(() -> parse("{\"worker_cores\": 1, \"zz\": 1, \"a\": 2}"))
                .isInstanceOf(OptionsException.class).hasMessage("Unknown fields ['a', 'zz']");
        // image is a field only where the group offers images
        assertThatThrownBy(() -> parse("{\"image\": \"x\"}")).hasMessage("Unknown fields ['image']");
        // environment is a field only where the group allows it, and is then unknown like any other key
        assertThatThrownBy(() -> parse("{\"group\": \"physics\", \"environment\": {}, \"zz\": 1}"))
                .hasMessage("Unknown fields ['environment', 'zz']");
    }

    @Test
    void shouldRejectNumbersThatOverflowToInfinityAsOutOfRange() {
        assertThatThrownBy(() -> parse("{\"worker_cores\": 1e400}")).isInstanceOf(OptionsException.class)
                .hasMessageStartingWith("worker_cores Infinity is out of range");
        assertThatThrownBy(() -> parse("{\"worker_memory\": -1e400}")).isInstanceOf(OptionsException.class)
                .hasMessageStartingWith("worker_memory -Infinity is out of range");
    }

    @Test
    void shouldParseAnEnvironmentIntoItsThreeLists() {
        assertThat(parse("{\"environment\": {\"pip\": [\"s3fs==2025.3.0\", \"pystac\"], \"conda\": [\"xarray=2025.1\"],"
                + " \"conda_channels\": [\"conda-forge\"]}}").environment())
                .isEqualTo(new ClusterEnvironment(List.of("xarray=2025.1"), List.of("conda-forge"),
                        List.of("s3fs==2025.3.0", "pystac")));
        // an empty mapping, or empty lists, mean no environment
        assertThat(parse("{\"environment\": {}}").environment()).isEqualTo(ClusterEnvironment.EMPTY);
        assertThat(parse("{\"environment\": {\"pip\": [], \"conda\": []}}").environment().isEmpty()).isTrue();
        // the CRD's limits exactly: 200 entries of 200 characters, 20 channels
        String longest = "p".repeat(200);
        assertThat(parse(environment("pip", entries(200, longest))).environment().pip()).hasSize(200);
        assertThat(parse(environment("conda_channels", entries(20, "c"))).environment().condaChannels()).hasSize(20);
        // characters, not UTF-16 units: 200 emoji are 400 chars in Java but 200 characters for Kubernetes
        assertThat(parse(environment("conda", entries(1, "\uD83D\uDE00".repeat(200)))).environment().conda()).hasSize(1);
    }

    @Test
    void shouldRejectEnvironmentsBeyondTheCrdLimitsNamingTheEntry() {
        assertThatThrownBy(() -> parse(environment("pip", entries(201, "x"))))
                .hasMessage("environment.pip has 201 entries: at most 200 allowed");
        assertThatThrownBy(() -> parse(environment("conda", entries(201, "x"))))
                .hasMessage("environment.conda has 201 entries: at most 200 allowed");
        assertThatThrownBy(() -> parse(environment("conda_channels", entries(21, "x"))))
                .hasMessage("environment.conda_channels has 21 entries: at most 20 allowed");
        assertThatThrownBy(() -> parse("{\"environment\": {\"pip\": [\"a\", \"b\", \"c\", \"" + "x".repeat(201) + "\"]}}"))
                .isInstanceOf(OptionsException.class)
                .hasMessage("environment.pip[3] must be 1 to 200 characters long, got 201");
    }

    private static String entries(int count, String value) {
        return java.util.stream.Stream.generate(() -> "\"" + value + "\"").limit(count)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static String environment(String key, String list) {
        return "{\"environment\": {\"" + key + "\": " + list + "}}";
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
        "{\"environment\": [\"xarray\"]}|environment must be a mapping with keys ['conda', 'conda_channels', 'pip'], got [\"xarray\"]",
        "{\"environment\": \"pip: [x]\"}|environment must be a mapping with keys ['conda', 'conda_channels', 'pip'], got \"pip: [x]\"",
        "{\"environment\": null}|environment must be a mapping with keys ['conda', 'conda_channels', 'pip'], got null",
        "{\"environment\": {\"pip\": [\"a\"], \"npm\": [\"b\"], \"lockfile\": \"x\"}}|Unknown fields in environment: ['lockfile', 'npm']; allowed ['conda', 'conda_channels', 'pip']",
        "{\"environment\": {\"pip\": \"s3fs\"}}|environment.pip must be a list of strings, got \"s3fs\"",
        "{\"environment\": {\"conda\": null}}|environment.conda must be a list of strings, got null",
        "{\"environment\": {\"conda\": [\"xarray\", 3]}}|environment.conda[1] must be a string, got 3",
        "{\"environment\": {\"pip\": [[\"a\"]]}}|environment.pip[0] must be a string, got [\"a\"]",
        "{\"environment\": {\"conda_channels\": [\"conda-forge\", \"\"]}}|environment.conda_channels[1] must be 1 to 200 characters long, got 0",
        "{\"environment\": {\"pip\": [\"  \"]}}|environment.pip[0] must not be blank",
        "{\"group\": \"physics\", \"environment\": {}}|Unknown fields ['environment']",
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
        // where the group allows an environment it is reported, with only the lists given, in a fixed order
        assertThat(parse("{\"environment\": {\"pip\": [\"s3fs\"], \"conda_channels\": [], \"conda\": [\"zarr\"]}}")
                .normalised()).containsExactly(Map.entry("group", "astro"), Map.entry("worker_cores", 1.0),
                        Map.entry("worker_memory", 4.0), Map.entry("worker_gpus", 0L), Map.entry("idle_timeout", 3_600L),
                        Map.entry("environment", Map.of("conda", List.of("zarr"), "pip", List.of("s3fs"))));
        assertThat(parse("{}").normalised()).containsEntry("environment", Map.of());
    }
}

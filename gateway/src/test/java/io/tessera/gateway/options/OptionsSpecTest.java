package io.tessera.gateway.options;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsSpecTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Compares the serialised text, so a float where an int belongs (1.0 vs 1) fails the test. */
    private static void assertGolden(List<Map<String, Object>> spec, String file) throws IOException {
        try (InputStream in = OptionsSpecTest.class.getResourceAsStream("/options/" + file)) {
            String golden = MAPPER.writeValueAsString(MAPPER.readTree(in));
            assertThat(MAPPER.writeValueAsString(spec)).isEqualTo(golden);
        }
    }

    @Test
    void shouldEmitTheDefaultsForAMemberOfOneGroupWithoutGroupOrImageFieldsAndWithEnvironment() throws IOException {
        assertGolden(OptionsSpec.of(List.of("astro"), GroupOptions.DEFAULTS, true), "spec-one-group-defaults.json");
    }

    @Test
    void shouldEmitAGroupSelectAndAnImageSelectWhenThereIsAChoice() throws IOException {
        // RICH does not allow an environment: the golden file has no environment field.
        assertGolden(OptionsSpec.of(List.of("astro", "physics"), OptionsFixtures.RICH, true), "spec-two-groups-images-gpus.json");
    }

    @Test
    void shouldOfferPipOnlyWhereCondaIsNotEnabled() {
        assertThat(OptionsSpec.of(List.of("astro"), GroupOptions.DEFAULTS, false))
                .filteredOn(field -> "environment".equals(field.get("field")))
                .extracting(field -> field.get("label")).containsExactly("Extra packages (pip)");
    }

    @Test
    void shouldEmitNothingForAUserWithoutGroups() {
        assertThat(OptionsSpec.of(List.of(), GroupOptions.DEFAULTS, true)).isEmpty();
    }

    @Test
    void shouldUseOnlyTheSpecKeysTheClientAccepts() {
        List<Map<String, Object>> fields = new java.util.ArrayList<>(OptionsSpec.of(List.of("a", "b"), OptionsFixtures.RICH, true));
        fields.addAll(OptionsSpec.of(List.of("a"), GroupOptions.DEFAULTS, true));
        assertThat(fields).extracting(f -> f.get("field")).contains("environment", "image", "group");
        for (Map<String, Object> field : fields) {
            assertThat(field).containsOnlyKeys("field", "label", "default", "spec");
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) field.get("spec");
            switch ((String) spec.get("type")) {
                case "int", "float" -> assertThat(spec).containsOnlyKeys("type", "min", "max");
                case "select" -> assertThat(spec).containsOnlyKeys("type", "options");
                case "mapping" -> assertThat(spec).containsOnlyKeys("type");
                default -> throw new AssertionError("unexpected type " + spec.get("type"));
            }
            if ("int".equals(spec.get("type"))) {
                assertThat(field.get("default")).isInstanceOfAny(Integer.class, Long.class);
            }
        }
    }
}

package io.tessera.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.gateway.options.OptionsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScaleRequestsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"count\": -1}|Scale expects a non-negative integer, got -1",
        "{\"count\": 1.5}|Scale expects a non-negative integer, got 1.5",
        "{\"count\": \"3\"}|Scale expects a non-negative integer, got \"3\"",
        "{\"count\": null}|Scale expects a non-negative integer, got null",
        "{}|Scale expects a non-negative integer, got None",
    })
    void shouldRejectCountsThatAreNotNonNegativeIntegers(String body, String message) {
        assertThatThrownBy(() -> ScaleRequests.count(json(body))).isInstanceOf(OptionsException.class).hasMessage(message);
    }

    @Test
    void shouldClampScaleToTheClusterLimitWithAMessage() throws Exception {
        assertThat(ScaleRequests.count(json("{\"count\": 99999999999}"))).isEqualTo(Integer.MAX_VALUE);
        assertThat(ScaleRequests.clampScale(5, 10)).isEqualTo(new ScaleRequests.Count(5, null));
        assertThat(ScaleRequests.clampScale(12, 10).count()).isEqualTo(10);
        assertThat(ScaleRequests.clampScale(12, 10).message()).contains("12").contains("Scaling to 10 instead");
    }

    @Test
    void shouldFillAdaptDefaultsAndClampToTheLimit() throws Exception {
        assertThat(ScaleRequests.adapt(json("{\"minimum\": null, \"maximum\": null, \"active\": true}"), 10))
                .isEqualTo(new ScaleRequests.Adapt(0, 10, true, null));
        assertThat(ScaleRequests.adapt(json("{\"minimum\": 2, \"maximum\": 4, \"active\": false}"), 10))
                .isEqualTo(new ScaleRequests.Adapt(2, 4, false, null));
        ScaleRequests.Adapt clamped = ScaleRequests.adapt(json("{\"minimum\": 12, \"maximum\": 20}"), 10);
        assertThat(clamped.minimum()).isEqualTo(10);
        assertThat(clamped.maximum()).isEqualTo(10);
        assertThat(clamped.message()).contains("maximum=10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"minimum\": -1}", "{\"maximum\": 2.5}", "{\"minimum\": 5, \"maximum\": 2}",
        "{\"active\": \"yes\"}", "[]"})
    void shouldRejectBadAdaptRequests(String body) {
        assertThatThrownBy(() -> ScaleRequests.adapt(json(body), 10)).isInstanceOf(OptionsException.class);
    }
}

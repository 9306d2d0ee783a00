package io.tessera.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.gateway.rest.ApiException;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportRequestTest {

    private static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    void shouldParseAMonthAndDefaultToTheCurrentOne() {
        assertThat(ReportRequest.month("2026-02", NOW)).isEqualTo(YearMonth.of(2026, 2));
        assertThat(ReportRequest.month(null, NOW)).isEqualTo(NOW);
        assertThat(ReportRequest.month("", NOW)).isEqualTo(NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "november", "1999-12", "2026-11-01",
        "+10000-01", "2026-11x", "２０２６-11"})
    void shouldRejectBadMonthsWithA400(String month) {
        assertThatThrownBy(() -> ReportRequest.month(month, NOW)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(400)).hasMessageStartingWith("month must be YYYY-MM");
    }

    @Test
    void shouldChooseTheFormatFromTheParameterFirstThenTheAcceptHeader() {
        assertThat(ReportRequest.mediaType("csv", types(MediaType.APPLICATION_JSON))).isEqualTo("text/csv");
        assertThat(ReportRequest.mediaType("json", types("text/csv"))).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(ReportRequest.mediaType(null, types("text/csv", MediaType.APPLICATION_JSON))).isEqualTo("text/csv");
        assertThat(ReportRequest.mediaType(null, types(MediaType.APPLICATION_JSON, "text/csv")))
                .isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(ReportRequest.mediaType(null, types("*/*"))).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(ReportRequest.mediaType(null, types("text/*"))).isEqualTo("text/csv");
        assertThat(ReportRequest.mediaType(null, List.of())).isEqualTo(MediaType.APPLICATION_JSON);
    }

    @Test
    void shouldRejectAnUnknownFormat() {
        assertThatThrownBy(() -> ReportRequest.mediaType("xml", List.of())).isInstanceOf(ApiException.class)
                .hasMessage("format must be csv or json, got xml");
    }

    @Test
    void shouldWriteRfc4180Csv() {
        String csv = Csv.of(List.of("group", "user", "core_hours"), List.of(
                Arrays.<Object>asList("physics", "a,b", new BigDecimal("1E+1")),
                Arrays.<Object>asList("say \"hi\"", null, new BigDecimal("0.125"))));
        assertThat(csv).isEqualTo("group,user,core_hours\r\nphysics,\"a,b\",10\r\n\"say \"\"hi\"\"\",,0.125\r\n");
    }

    private static List<MediaType> types(String... types) {
        return Arrays.stream(types).map(MediaType::valueOf).toList();
    }
}

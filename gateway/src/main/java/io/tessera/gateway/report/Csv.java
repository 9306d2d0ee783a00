package io.tessera.gateway.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, a header row; fields with a comma, quote or line
 * break are quoted with doubled quotes. Numbers in plain notation; null is an empty field.
 */
public final class Csv {

    private Csv() {
    }

    public static String of(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(header));
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> fields) {
        out.append(fields.stream().map(Csv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    static String field(Object value) {
        String text = value == null ? "" : value instanceof BigDecimal number ? number.toPlainString() : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}

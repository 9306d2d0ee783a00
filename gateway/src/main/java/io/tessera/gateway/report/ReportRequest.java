package io.tessera.gateway.report;

import io.tessera.gateway.rest.ApiException;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;

/** The month and format a report request asks for; bad values are 400s saying what is expected. */
public final class ReportRequest {

    public static final String CSV = "text/csv";

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    private ReportRequest() {
    }

    /** {@code YYYY-MM}, or {@code current} when absent. */
    public static YearMonth month(String month, YearMonth current) {
        if (month == null || month.isEmpty()) {
            return current;
        }
        var matcher = MONTH.matcher(month);
        if (month.length() > 7 || !matcher.matches() || Integer.parseInt(matcher.group(1)) < 2000) {
            throw ApiException.badRequest("month must be YYYY-MM (UTC calendar month, year 2000 or later), got "
                    + (month.length() > 20 ? month.substring(0, 20) + "..." : month));
        }
        return YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /**
     * The response type: {@code format=csv|json} wins; otherwise the first of the caller's
     * acceptable types (best first) that names CSV or JSON; JSON when nothing prefers CSV.
     */
    public static String mediaType(String format, List<MediaType> acceptable) {
        if (format != null) {
            return switch (format) {
                case "csv" -> CSV;
                case "json" -> MediaType.APPLICATION_JSON;
                default -> throw ApiException.badRequest("format must be csv or json, got "
                        + (format.length() > 20 ? format.substring(0, 20) + "..." : format));
            };
        }
        for (MediaType type : acceptable) {
            if (type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType()) {
                return CSV;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return MediaType.APPLICATION_JSON;
            }
        }
        return MediaType.APPLICATION_JSON;
    }
}

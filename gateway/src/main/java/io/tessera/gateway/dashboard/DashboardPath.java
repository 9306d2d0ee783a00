package io.tessera.gateway.dashboard;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cluster a dashboard request is for (pure). The path is forwarded unchanged, so the name the
 * caller is authorised for must be the one the scheduler sees: raw paths with dot segments, empty
 * segments, backslashes or encoded slashes, dots or backslashes are refused rather than normalised
 * (no dashboard needs them), and the name must be a DNS label like every cluster name.
 */
public final class DashboardPath {

    public static final String PREFIX = "/clusters/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private DashboardPath() {
    }

    public static Optional<String> clusterName(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%2e") || lower.contains("%5c") || lower.contains("\\")
                || rawPath.contains("//")) {
            return Optional.empty();
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        String rest = rawPath.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}

package io.tessera.gateway.group;

import io.tessera.gateway.rest.ApiException;
import java.util.regex.Pattern;

/** The name rules the schema enforces, checked first so that callers get a 400, not a 500. */
public final class Names {

    private static final Pattern GROUP = Pattern.compile("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,62}");

    /** Where a group's clusters live unless the admin says otherwise (ARCHITECTURE.md). */
    public static final String NAMESPACE_PREFIX = "tessera-";

    private Names() {
    }

    public static String group(String name) {
        return checked(GROUP, name, "group name must be a DNS label of at most 40 characters (a-z, 0-9, '-')");
    }

    public static String namespace(String name) {
        return checked(NAMESPACE, name, "namespace must be a DNS label (a-z, 0-9, '-', at most 63)");
    }

    public static String user(String name) {
        return checked(USER, name, "username must be 1-63 of a-z, 0-9, '.', '_', '@', '-' starting with a letter or digit");
    }

    private static String checked(Pattern pattern, String value, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw ApiException.badRequest(rule + ", got: " + value);
        }
        return value;
    }
}

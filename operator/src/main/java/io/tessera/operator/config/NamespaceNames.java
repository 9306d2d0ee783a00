package io.tessera.operator.config;

import java.util.List;
import java.util.regex.Pattern;

/** Checks settings that name namespaces, so that a typo stops the operator at start with a clear message. */
public final class NamespaceNames {

    /** A DNS-1123 label, what the API server accepts as a namespace name. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_LENGTH = 63;

    private NamespaceNames() {
    }

    /**
     * @param setting the setting's key, named in the message
     * @return the names, trimmed
     * @throws IllegalArgumentException naming the setting and the first bad name
     */
    public static List<String> check(String setting, List<String> names) {
        List<String> trimmed = names.stream().map(String::trim).toList();
        for (String name : trimmed) {
            if (name.length() > MAX_LENGTH || !LABEL.matcher(name).matches()) {
                throw new IllegalArgumentException(setting + ": \"" + name + "\" is not a namespace name (lowercase "
                        + "letters, digits and '-', starting and ending with a letter or digit, at most " + MAX_LENGTH
                        + " characters); give a comma-separated list such as tessera-system,monitoring");
            }
        }
        return trimmed;
    }
}

package io.tessera.gateway.rest;

import java.util.Optional;

/**
 * Text the gateway accepts from callers (pure): no NUL and no other C0 or DEL control character,
 * which PostgreSQL refuses in text columns (NUL) and which no name, description or option of
 * Tessera needs. Tab, line feed and carriage return are allowed in JSON strings (descriptions).
 */
public final class PlainText {

    private PlainText() {
    }

    /** A description of the first control character in {@code text}, or empty when there is none. */
    public static Optional<String> control(String text, boolean allowWhitespace) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean whitespace = c == '\t' || c == '\n' || c == '\r';
            if ((c < 0x20 && !(allowWhitespace && whitespace)) || c == 0x7f) {
                return Optional.of(String.format("control character U+%04X at position %d", (int) c, i));
            }
        }
        return Optional.empty();
    }
}

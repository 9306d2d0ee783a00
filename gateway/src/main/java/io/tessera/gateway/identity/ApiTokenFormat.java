package io.tessera.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of a Tessera API token, {@code tsr_<id>_<secret>}: a recognisable prefix (so that
 * leaked tokens are easy to scan for and never confused with a Keycloak JWT), a public 12-character
 * id that finds the row, and a 256-bit random secret. Only the SHA-256 of the whole token is stored:
 * the secret has full entropy, so a fast hash is enough and a lookup costs one indexed query.
 */
public final class ApiTokenFormat {

    public static final String SCHEME_PREFIX = "tsr_";
    private static final int ID_BYTES = 9; // 12 base64url characters
    private static final int SECRET_BYTES = 32; // 256 bits, 43 base64url characters
    private static final Pattern SHAPE = Pattern.compile("^tsr_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$");

    private ApiTokenFormat() {
    }

    /** A freshly generated token: the value shown once, the stored lookup prefix and hash. */
    public record NewToken(String token, String prefix, byte[] sha256) {
    }

    public static NewToken generate(SecureRandom random) {
        String token = SCHEME_PREFIX + randomText(random, ID_BYTES) + "_" + randomText(random, SECRET_BYTES);
        return new NewToken(token, prefixOf(token).orElseThrow(), sha256(token));
    }

    /** Whether the value claims to be a Tessera token (it may still be malformed or unknown). */
    public static boolean looksLikeToken(String value) {
        return value != null && value.startsWith(SCHEME_PREFIX);
    }

    /** The stored lookup key ({@code tsr_<id>}) of a well-formed token; empty for anything else. */
    public static Optional<String> prefixOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var matcher = SHAPE.matcher(token);
        return matcher.matches() ? Optional.of(SCHEME_PREFIX + matcher.group(1)) : Optional.empty();
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Compares a presented token with a stored hash in constant time. */
    public static boolean matches(String token, byte[] storedSha256) {
        return MessageDigest.isEqual(sha256(token), storedSha256);
    }

    private static String randomText(SecureRandom random, int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}

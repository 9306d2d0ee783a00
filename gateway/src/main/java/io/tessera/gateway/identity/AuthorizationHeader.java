package io.tessera.gateway.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Tessera API token from an {@code Authorization} header. Three schemes carry it:
 * {@code Bearer} (curl, scripts), {@code token} (the GitHub/JupyterHub convention) and
 * {@code jupyterhub}, which the unchanged dask-gateway client sends with {@code auth="jupyterhub"}
 * and {@code JUPYTERHUB_API_TOKEN=<tessera token>}. A bearer value that is not a Tessera token is
 * left to the OIDC mechanism (a Keycloak JWT).
 */
public final class AuthorizationHeader {

    /** Schemes that only ever carry Tessera tokens: whatever they carry is checked (and rejected) as one. */
    private static final Set<String> TOKEN_ONLY_SCHEMES = Set.of("token", "jupyterhub");

    private AuthorizationHeader() {
    }

    /**
     * The presented Tessera token, or empty when the header carries none (absent, another scheme, a
     * bearer JWT). Values of the {@code token}/{@code jupyterhub} schemes are returned even when
     * malformed, so that they are rejected with a clear message instead of being ignored.
     */
    public static Optional<String> tesseraToken(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        String scheme = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
        String value = trimmed.substring(space + 1).strip();
        boolean carriesToken = TOKEN_ONLY_SCHEMES.contains(scheme)
                || "bearer".equals(scheme) && ApiTokenFormat.looksLikeToken(value);
        return carriesToken && !value.isEmpty() ? Optional.of(value) : Optional.empty();
    }
}

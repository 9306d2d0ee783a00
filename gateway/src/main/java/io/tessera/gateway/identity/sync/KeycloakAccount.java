package io.tessera.gateway.identity.sync;

import java.util.Map;

/**
 * A Keycloak user as the gateway needs it: subject, username, whether enabled, whether a platform
 * admin, and the Tessera groups with the group-admin flag ({@link GroupConvention}).
 */
public record KeycloakAccount(String id, String username, boolean enabled, boolean platformAdmin,
                              Map<String, Boolean> groups) {
}

package io.tessera.gateway.identity;

/** Role names of the gateway's SecurityIdentity. Group membership and group admin live in the database. */
public final class Roles {

    /** Platform administrators: quotas, budgets, groups, members. Keycloak realm role {@code tessera-admin} by default. */
    public static final String PLATFORM_ADMIN = "platform-admin";

    private Roles() {
    }
}

/**
 * Who is calling: Keycloak bearer tokens and browser sessions (quarkus-oidc), Tessera API tokens
 * ({@code tsr_...}, hashed in PostgreSQL), the {@code platform-admin} role, and the sync of users,
 * groups and memberships from Keycloak. Other packages rely only on two facts: the principal name
 * is the {@code app_user.username}, and platform admins have the role {@link io.tessera.gateway.identity.Roles#PLATFORM_ADMIN}.
 */
package io.tessera.gateway.identity;

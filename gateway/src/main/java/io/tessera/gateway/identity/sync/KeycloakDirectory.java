package io.tessera.gateway.identity.sync;

import io.tessera.gateway.identity.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The one adapter over the Keycloak admin API (quarkus-keycloak-admin-rest-client). It reads users,
 * their groups and their realm roles in the gateway's dedicated realm, as the gateway client's
 * service account (realm-management roles view-users, query-users, query-groups); it never writes.
 */
@ApplicationScoped
public class KeycloakDirectory {

    private static final int PAGE = 100;

    @Inject
    Keycloak keycloak;

    @Inject
    IdentityConfig config;

    @ConfigProperty(name = "tessera.keycloak.realm")
    String realm;

    /** One user by subject ({@code sub}). */
    public KeycloakAccount account(String id) {
        UserResource user = realm().users().get(id);
        return toAccount(user.toRepresentation(), user);
    }

    /** Every person in the realm (service accounts excluded), page by page. */
    public List<KeycloakAccount> accounts() {
        List<KeycloakAccount> result = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            List<UserRepresentation> page = realm().users().list(first, PAGE);
            for (UserRepresentation user : page) {
                if (user.getServiceAccountClientId() == null && !user.getUsername().startsWith("service-account-")) {
                    result.add(toAccount(user, realm().users().get(user.getId())));
                }
            }
            if (page.size() < PAGE) {
                return result;
            }
        }
    }

    private KeycloakAccount toAccount(UserRepresentation rep, UserResource user) {
        List<String> paths = user.groups().stream().map(GroupRepresentation::getPath).toList();
        boolean admin = user.roles().realmLevel().listEffective().stream().map(RoleRepresentation::getName)
                .anyMatch(config.adminRole()::equals);
        return new KeycloakAccount(rep.getId(), rep.getUsername(), Boolean.TRUE.equals(rep.isEnabled()), admin,
                GroupConvention.memberships(paths));
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }
}

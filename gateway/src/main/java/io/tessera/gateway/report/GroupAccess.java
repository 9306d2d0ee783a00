package io.tessera.gateway.report;

import io.quarkus.security.identity.SecurityIdentity;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Who may read which usage report, beyond the role checks on the endpoints. The principal's name
 * is the Tessera username (as the identity layer establishes it). Platform admins (role
 * {@value #PLATFORM_ADMIN}) read everything; a group's admins (membership.group_admin) read their
 * group's report; every user reads their own. The one place to change when these rules grow.
 */
@ApplicationScoped
public class GroupAccess {

    public static final String PLATFORM_ADMIN = "platform-admin";

    private static final String GROUP_ADMIN = """
            SELECT 1 FROM membership m
            JOIN app_user u ON u.id = m.user_id
            JOIN tenant_group g ON g.id = m.group_id
            WHERE u.username = ? AND g.name = ? AND m.group_admin""";

    @Inject
    DataSource dataSource;

    /** 403 unless the caller is a platform admin or an admin of {@code group}. */
    public void requireGroupReader(SecurityIdentity caller, String group) {
        if (!caller.hasRole(PLATFORM_ADMIN) && !isGroupAdmin(caller.getPrincipal().getName(), group)) {
            throw new ApiException(403, "only platform admins and admins of group " + group
                    + " may read its usage report");
        }
    }

    /** 403 unless the caller is a platform admin or the user {@code username}. */
    public void requireUserReader(SecurityIdentity caller, String username) {
        if (!caller.hasRole(PLATFORM_ADMIN) && !caller.getPrincipal().getName().equals(username)) {
            throw new ApiException(403, "only platform admins and " + username + " may read this usage report");
        }
    }

    public boolean isGroupAdmin(String username, String group) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(GROUP_ADMIN)) {
            select.setString(1, username);
            select.setString(2, group);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read memberships: " + e.getMessage(), e);
        }
    }
}

package io.tessera.gateway.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A user's membership of a group; only members may reserve quota in the group. */
@Entity
@Table(name = "membership")
@IdClass(MemberKey.class)
public class MembershipEntity {

    @Id
    @Column(name = "user_id")
    public Long userId;

    @Id
    @Column(name = "group_id")
    public Long groupId;

    @Column(name = "group_admin", nullable = false)
    public boolean groupAdmin;

    /** {@link #ADMIN_API} or {@link #KEYCLOAK}: sync only ever changes the rows it created. */
    @Column(nullable = false)
    public String source = ADMIN_API;

    public static final String ADMIN_API = "admin";
    public static final String KEYCLOAK = "keycloak";
}

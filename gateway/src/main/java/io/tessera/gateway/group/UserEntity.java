package io.tessera.gateway.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user; Keycloak sync fills {@code keycloakId}, the admin flag and {@code active} (identity package). */
@Entity
@Table(name = "app_user")
public class UserEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String username;

    @Column(name = "keycloak_id", unique = true)
    public String keycloakId;

    @Column(name = "platform_admin", nullable = false)
    public boolean platformAdmin;

    /** False once the user vanished from (or was disabled in) Keycloak; users are never deleted. */
    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "synced_at")
    public Instant syncedAt;
}

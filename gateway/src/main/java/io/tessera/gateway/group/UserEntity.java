package io.tessera.gateway.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user; Keycloak sync (next step) fills {@code keycloakId} and the admin flag. */
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
}

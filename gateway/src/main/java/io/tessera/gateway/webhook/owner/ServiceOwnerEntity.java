package io.tessera.gateway.webhook.owner;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The member a group's objects are charged to when nothing else names an owner (GitOps appliers). */
@Entity
@Table(name = "group_service_owner")
public class ServiceOwnerEntity {

    @Id
    @Column(name = "group_id")
    public Long groupId;

    @Column(name = "user_id", nullable = false)
    public Long userId;
}

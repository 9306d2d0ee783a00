package io.tessera.gateway.group;

import io.tessera.gateway.quota.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A member's caps inside a group, checked on top of the group's quota. */
@Entity
@Table(name = "user_cap")
@IdClass(MemberKey.class)
public class UserCapEntity extends LimitColumns {

    @Id
    @Column(name = "user_id")
    public Long userId;

    @Id
    @Column(name = "group_id")
    public Long groupId;

    /** Caps have no workers-per-cluster limit of their own: the group's applies to everyone. */
    public Limits limits() {
        return limits(null);
    }

    public void set(Limits limits) {
        setShared(limits);
    }
}

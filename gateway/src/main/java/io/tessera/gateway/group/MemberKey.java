package io.tessera.gateway.group;

import java.io.Serializable;
import java.util.Objects;

/** The (user, group) key of memberships and caps; JPA wants a mutable serialisable class. */
public class MemberKey implements Serializable {

    public Long userId;
    public Long groupId;

    public MemberKey() {
    }

    public MemberKey(Long userId, Long groupId) {
        this.userId = userId;
        this.groupId = groupId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberKey k && Objects.equals(userId, k.userId) && Objects.equals(groupId, k.groupId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, groupId);
    }
}

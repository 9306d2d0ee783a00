package io.tessera.gateway.identity.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupConventionTest {

    @Test
    void shouldMapTopLevelGroupsToMembers() {
        assertThat(GroupConvention.memberships(List.of("/physics", "/climate")))
                .containsExactly(Map.entry("climate", false), Map.entry("physics", false));
    }

    @Test
    void shouldMakeMembersOfTheAdminsSubgroupGroupAdmins() {
        assertThat(GroupConvention.memberships(List.of("/physics", "/physics/admins"))).containsExactly(Map.entry("physics", true));
        assertThat(GroupConvention.memberships(List.of("/physics/admins", "/physics"))).containsExactly(Map.entry("physics", true));
        // Only in the admins subgroup: still a member.
        assertThat(GroupConvention.memberships(List.of("/climate/admins"))).containsExactly(Map.entry("climate", true));
    }

    @Test
    void shouldIgnoreOtherSubgroupsDeeperPathsAndJunk() {
        assertThat(GroupConvention.memberships(Arrays.asList("/physics/students", "/physics/admins/x", "", "/", "physics",
                null, "//admins"))).isEmpty();
    }
}

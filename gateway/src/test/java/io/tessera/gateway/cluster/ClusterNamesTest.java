package io.tessera.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterNamesTest {

    @Test
    void shouldKeepNamesADnsLabelOfAtMost51CharactersForEveryGroupLength() {
        Random random = new Random(7);
        for (int length = 1; length <= 40; length++) {
            String group = "g" + "a-".repeat(20).substring(0, length - 1);
            String name = ClusterNames.newName(group, random);
            assertThat(name).hasSizeLessThanOrEqualTo(51).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
                    .doesNotContain("--");
            assertThat(("daskgateway-" + name)).hasSizeLessThanOrEqualTo(63);
        }
    }

    @Test
    void shouldStartWithTheGroupAndEndWithTenRandomHexDigits() {
        String name = ClusterNames.newName("physics", new Random(1));
        assertThat(name).matches("physics-[0-9a-f]{10}");
        Set<String> names = new HashSet<>();
        Random random = new Random(2);
        for (int i = 0; i < 10_000; i++) {
            names.add(ClusterNames.newName("physics", random));
        }
        assertThat(names).hasSize(10_000);
    }

    @Test
    void shouldTurnUsernamesIntoLabelValues() {
        assertThat(ClusterNames.userLabel("alice")).isEqualTo("alice");
        assertThat(ClusterNames.userLabel("alice@example.org")).isEqualTo("alice_example.org");
        assertThat(ClusterNames.userLabel("bob.-")).isEqualTo("bob");
        assertThat(ClusterNames.userLabel("a".repeat(62) + "@x")).hasSize(62);
    }
}

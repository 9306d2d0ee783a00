package io.tessera.gateway.options;

import java.util.List;

/** Group options used by the options tests. */
final class OptionsFixtures {

    static final long GI = GroupOptions.GI;

    /** Two images, up to 2 GPUs, idle timeout 10 min to 2 h, memory from 512 MiB, no extra packages. */
    static final GroupOptions RICH = new GroupOptions(new Range(500, 16_000, 2_000), new Range(GI / 2, 128 * GI, 8 * GI),
            new Range(0, 2, 0), List.of("registry.example/worker:2026.3", "registry.example/worker-gpu:2026.3"),
            "registry.example/worker:2026.3", new Range(600, 7_200, 1_800), 20, 1_000, 2 * GI, false);

    private OptionsFixtures() {
    }
}

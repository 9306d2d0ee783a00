package io.tessera.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuotaCheckTest {

    private static final long GI = 1L << 30;
    /** Group physics: 64 cores, 256Gi, 4 GPUs, 5 clusters, 32 workers per cluster. */
    private static final Limits QUOTA = new Limits(64_000L, 256 * GI, 4L, 5L, 32L);
    /** Alice's cap inside physics: 16 cores, 2 clusters, otherwise only the group's quota. */
    private static final Limits CAP = new Limits(16_000L, null, null, 2L, null);

    private static Resources res(long millicores, long memoryBytes, long gpus, long workers) {
        return new Resources(millicores, memoryBytes, gpus, workers);
    }

    /** The group holds 56 cores, 200Gi, 3 GPUs in 4 clusters; alice holds 10 cores in 1 cluster. */
    private static Decision check(ChangeRequest request) {
        return QuotaCheck.check(request, List.of(
                new Scope("group physics", QUOTA, res(56_000, 200 * GI, 3, 40), 4),
                new Scope("user alice in group physics", CAP, res(10_000, 40 * GI, 0, 10), 1)));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("fits everywhere", ChangeRequest.create(res(4_000, 8 * GI, 1, 4)), null),
                Arguments.of("exactly the cores left", ChangeRequest.create(res(6_000, 0, 0, 1)), null),
                Arguments.of("one millicore over the user cap", ChangeRequest.create(res(6_001, 0, 0, 1)),
                        "user alice in group physics: cores 6.001 requested, 6 of 16 left"),
                Arguments.of("cores over the group", ChangeRequest.create(res(12_000, 0, 0, 1)),
                        "group physics: cores 12 requested, 8 of 64 left"),
                Arguments.of("exactly the memory left", ChangeRequest.create(res(0, 56 * GI, 0, 1)), null),
                Arguments.of("memory over by one byte", ChangeRequest.create(res(0, 56 * GI + 1, 0, 1)),
                        "group physics: memory 60129542145 requested, 56Gi of 256Gi left"),
                Arguments.of("exactly the GPU left", ChangeRequest.create(res(0, 0, 1, 1)), null),
                Arguments.of("GPUs over", ChangeRequest.create(res(0, 0, 2, 1)),
                        "group physics: GPUs 2 requested, 1 of 4 left"),
                Arguments.of("exactly the workers allowed", ChangeRequest.create(res(0, 0, 0, 32)), null),
                Arguments.of("one worker too many", ChangeRequest.create(res(0, 0, 0, 33)),
                        "group physics: workers per cluster 33 requested, at most 32 allowed"),
                Arguments.of("scale up within headroom", ChangeRequest.scale(res(1_000, GI, 0, 1), res(5_000, 5 * GI, 0, 5)), null),
                Arguments.of("scale up over the cap", ChangeRequest.scale(res(1_000, 0, 0, 1), res(8_000, 0, 0, 8)),
                        "user alice in group physics: cores 7 requested, 6 of 16 left"),
                Arguments.of("scale up past workers per cluster", ChangeRequest.scale(res(0, 0, 0, 30), res(0, 0, 0, 40)),
                        "group physics: workers per cluster 40 requested, at most 32 allowed"),
                Arguments.of("scale down always admitted", ChangeRequest.scale(res(40_000, 0, 0, 40), res(20_000, 0, 0, 20)), null),
                Arguments.of("unchanged is admitted", ChangeRequest.scale(res(40_000, 0, 0, 40), res(40_000, 0, 0, 40)), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldAdmitOrRejectNamingLimitRequestAndHeadroom(String name, ChangeRequest request, String rejection) {
        Decision decision = check(request);
        if (rejection == null) {
            assertThat(decision).isEqualTo(Decision.ADMIT);
        } else {
            assertThat(decision).isEqualTo(new Decision.Reject(rejection));
        }
    }

    @ParameterizedTest(name = "{0} clusters held")
    @MethodSource("clusterCounts")
    void shouldCountClustersOnCreateOnly(long held, boolean admitted) {
        Scope scope = new Scope("group g", new Limits(null, null, null, 3L, null), Resources.ZERO, held);
        assertThat(QuotaCheck.check(ChangeRequest.create(Resources.ZERO), List.of(scope)).admitted()).isEqualTo(admitted);
        assertThat(QuotaCheck.check(ChangeRequest.scale(Resources.ZERO, res(1, 1, 1, 1)), List.of(scope)).admitted()).isTrue();
    }

    static Stream<Arguments> clusterCounts() {
        return Stream.of(Arguments.of(2L, true), Arguments.of(3L, false), Arguments.of(4L, false));
    }

    @org.junit.jupiter.api.Test
    void shouldRejectWithNoHeadroomWhenQuotaWasLoweredBelowReservations() {
        Scope scope = new Scope("group g", new Limits(10_000L, null, null, null, null), res(12_000, 0, 0, 0), 2);
        assertThat(QuotaCheck.check(ChangeRequest.create(res(500, 0, 0, 0)), List.of(scope)))
                .isEqualTo(new Decision.Reject("group g: cores 0.5 requested, 0 of 10 left"));
        assertThat(QuotaCheck.check(ChangeRequest.scale(res(4_000, 0, 0, 0), res(1_000, 0, 0, 0)), List.of(scope)).admitted())
                .as("scale-down while over quota").isTrue();
    }

    @org.junit.jupiter.api.Test
    void shouldAdmitEverythingWhenUnlimitedAndNothingWhenNoQuota() {
        Resources huge = res(1_000_000_000, Long.MAX_VALUE / 2, 1_000, 10_000);
        assertThat(QuotaCheck.check(ChangeRequest.create(huge),
                List.of(new Scope("group g", Limits.UNLIMITED, huge, 100)))).isEqualTo(Decision.ADMIT);
        assertThat(QuotaCheck.check(ChangeRequest.create(res(0, 0, 0, 0)),
                List.of(new Scope("group g", Limits.NOTHING, Resources.ZERO, 0))))
                .isEqualTo(new Decision.Reject("group g: clusters 1 requested, 0 of 0 left"));
    }
}

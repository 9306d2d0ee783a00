package io.tessera.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BudgetCheckTest {

    private static final Budget BUDGET = new Budget(new BigDecimal("100"), new BigDecimal("10"));
    private static final Resources CORES = new Resources(1_000, 0, 0, 1);
    private static final Resources GPUS = new Resources(0, 0, 1, 0);
    private static final Resources SHRINK = new Resources(-1_000, 0, -1, -1);

    private static MonthUsage used(String coreHours, String gpuHours) {
        return new MonthUsage(new BigDecimal(coreHours), new BigDecimal(gpuHours));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("core-hours left", BUDGET, used("99.999", "0"), CORES, null),
                Arguments.of("core-hours exactly used up", BUDGET, used("100", "0"), CORES,
                        "group g: monthly core-hours budget used up, 100.0 of 100.0 used this month"),
                Arguments.of("core-hours overrun (metering lags)", BUDGET, used("123.456", "0"), CORES,
                        "group g: monthly core-hours budget used up, 123.5 of 100.0 used this month"),
                Arguments.of("GPU-hours used up, no GPUs asked", BUDGET, used("0", "10"), CORES, null),
                Arguments.of("GPU-hours used up, GPUs asked", BUDGET, used("0", "10"), GPUS,
                        "group g: monthly GPU-hours budget used up, 10.0 of 10.0 used this month"),
                Arguments.of("shrinking with everything used up", BUDGET, used("500", "50"), SHRINK, null),
                Arguments.of("no budget", Budget.UNLIMITED, used("1000000", "1000"), CORES.plus(GPUS), null),
                Arguments.of("zero budget", new Budget(BigDecimal.ZERO, null), MonthUsage.NONE, CORES,
                        "group g: monthly core-hours budget used up, 0.0 of 0.0 used this month"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldStopGrowthOnlyOnceTheMonthsBudgetIsUsed(String name, Budget budget, MonthUsage used,
                                                       Resources delta, String rejection) {
        Decision decision = BudgetCheck.check("group g", budget, used, delta);
        assertThat(decision).isEqualTo(rejection == null ? Decision.ADMIT : new Decision.Reject(rejection));
    }
}

package io.tessera.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tessera.api.v1alpha1.common.Condition;

class ConditionsTest {

    private static final Clock T0 = Clock.fixed(Instant.parse("2026-11-24T12:00:00.750Z"), ZoneOffset.UTC);
    private static final Clock T1 = Clock.fixed(Instant.parse("2026-11-24T12:05:00Z"), ZoneOffset.UTC);

    @Test
    void shouldStampANewConditionWithTheClockInWholeSeconds() {
        List<Condition> conditions = Conditions.set(List.of(), "Ready", false, "Provisioning", "scheduler starting", 1, T0);

        assertThat(conditions).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-24T12:00:00Z");
            assertThat(c.getObservedGeneration()).isEqualTo(1);
        });
    }

    @Test
    void shouldKeepTheTransitionTimeWhileTheStatusStaysTheSame() {
        List<Condition> before = Conditions.set(List.of(), "Ready", false, "Provisioning", "scheduler starting", 1, T0);

        List<Condition> after = Conditions.set(before, "Ready", false, "WaitingForWorkers", "0/2 workers", 2, T1);

        assertThat(after).singleElement().satisfies(c -> {
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-24T12:00:00Z");
            assertThat(c.getReason()).isEqualTo("WaitingForWorkers");
            assertThat(c.getObservedGeneration()).isEqualTo(2);
        });
    }

    @Test
    void shouldMoveTheTransitionTimeWhenTheStatusFlips() {
        List<Condition> before = Conditions.set(List.of(), "Ready", false, "Provisioning", "", 1, T0);

        List<Condition> after = Conditions.set(before, "Ready", true, "Ready", "2/2 workers", 1, T1);

        assertThat(after.get(0).getLastTransitionTime()).isEqualTo("2026-11-24T12:05:00Z");
        assertThat(Conditions.isTrue(after, "Ready")).isTrue();
    }

    @Test
    void shouldLeaveOtherConditionsInPlaceAndAppendNewTypes() {
        List<Condition> two = Conditions.set(Conditions.set(List.of(), "Admitted", true, "Admitted", "", 1, T0),
                "Ready", false, "Provisioning", "", 1, T0);

        List<Condition> updated = Conditions.set(two, "Admitted", true, "Admitted", "", 1, T1);

        assertThat(updated).extracting(Condition::getType).containsExactly("Admitted", "Ready");
        assertThat(updated.get(0).getLastTransitionTime()).isEqualTo("2026-11-24T12:00:00Z");
        assertThat(Conditions.find(updated, "Idle")).isEmpty();
        assertThat(Conditions.isTrue(updated, "Ready")).isFalse();
    }
}

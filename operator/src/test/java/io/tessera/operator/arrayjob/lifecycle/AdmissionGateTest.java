package io.tessera.operator.arrayjob.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;

class AdmissionGateTest {

    private static final Map<String, String> QUEUED = Map.of(ArrayJobAdmission.ANNOTATION_ADMITTED, "false",
            ArrayJobAdmission.ANNOTATION_REASON, "QuotaExceeded",
            ArrayJobAdmission.ANNOTATION_MESSAGE, "queued at position 2 of 3");

    @Test
    void shouldWaitInAManagedNamespaceUntilTheGatewayDecided() {
        AdmissionGate gate = AdmissionGate.decide(true, Map.of(), false, () -> true);
        assertThat(gate.open()).isFalse();
        assertThat(gate.condition()).contains(new AdmissionGate.Admitted(false, "Pending",
                "waiting for the gateway's quota admission"));
    }

    @Test
    void shouldReportTheQueuePositionWhileQueued() {
        AdmissionGate gate = AdmissionGate.decide(true, QUEUED, false, () -> true);
        assertThat(gate.open()).isFalse();
        assertThat(gate.condition()).contains(new AdmissionGate.Admitted(false, "QuotaExceeded", "queued at position 2 of 3"));
    }

    @Test
    void shouldOpenOnceAdmitted() {
        AdmissionGate gate = AdmissionGate.decide(true, Map.of(ArrayJobAdmission.ANNOTATION_ADMITTED, "true"), false,
                () -> { throw new AssertionError("no namespace read needed"); });
        assertThat(gate.open()).isTrue();
        assertThat(gate.condition()).contains(new AdmissionGate.Admitted(true, "Admitted", "the gateway reserved the run's quota"));
    }

    @Test
    void shouldNotGateUnmanagedNamespacesNorWhenDisabled() {
        assertThat(AdmissionGate.decide(true, Map.of(), false, () -> false)).isEqualTo(new AdmissionGate(true, Optional.empty()));
        assertThat(AdmissionGate.decide(false, QUEUED, false, () -> true)).isEqualTo(new AdmissionGate(true, Optional.empty()));
    }

    @Test
    void shouldNeverStopARunThatAlreadyStarted() {
        AdmissionGate gate = AdmissionGate.decide(true, QUEUED, true, () -> true);
        assertThat(gate.open()).isTrue();
        assertThat(gate.condition()).isEmpty();
    }
}

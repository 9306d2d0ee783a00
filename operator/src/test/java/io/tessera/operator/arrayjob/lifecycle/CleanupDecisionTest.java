package io.tessera.operator.arrayjob.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tessera.api.v1alpha1.arrayjob.ArrayJobSpec;
import io.tessera.api.v1alpha1.arrayjob.spec.CleanupAction;
import io.tessera.api.v1alpha1.arrayjob.spec.CleanupSpec;

/** Cleanup after a run on a fake clock: seconds since completion in, deletions and the next wake-up out. */
class CleanupDecisionTest {

    private static final Instant DONE = Instant.parse("2026-03-01T02:00:00Z");

    @ParameterizedTest(name = "{0} onSuccess={1} onFailure={2} keepFor={3} ttl={4} at +{5}s")
    @CsvSource(nullValues = "-", value = {
        // outcome, onSuccess, onFailure, keepFor, ttl, elapsed | deleteCluster, deleteRun, recheck seconds
        "success, -,       -,       -,   -,  0,    true,  false, -",
        "failure, -,       -,       -,   -,  0,    false, false, 3600",
        "failure, -,       -,       -,   -,  3600, true,  false, -",
        "success, Keep,    -,       -,   -,  9999, false, false, -",
        "failure, -,       Delete,  -,   -,  0,    true,  false, -",
        "success, KeepFor, -,       90s, -,  30,   false, false, 60",
        "success, KeepFor, -,       90s, -,  90,   true,  false, -",
        "success, Keep,    -,       -,   20, 5,    false, false, 15",
        "success, Keep,    -,       -,   20, 20,   false, true,  -",
        "failure, -,       KeepFor, 1m,  30, 10,   false, false, 20",
        "failure, -,       KeepFor, 1m,  30, 45,   false, true,  15",
    })
    void shouldDeleteWhatIsDueAndWakeForTheNextDeadline(String outcome, CleanupAction onSuccess, CleanupAction onFailure,
            String keepFor, Integer ttl, long elapsed, boolean deleteCluster, boolean deleteRun, Long recheck) {
        ArrayJobSpec spec = new ArrayJobSpec();
        if (onSuccess != null || onFailure != null || keepFor != null) {
            CleanupSpec cleanup = new CleanupSpec();
            cleanup.setOnSuccess(onSuccess);
            cleanup.setOnFailure(onFailure);
            cleanup.setKeepFor(keepFor);
            spec.setCleanup(cleanup);
        }
        spec.setTtlSecondsAfterFinished(ttl);

        CleanupDecision decision = CleanupDecision.decide(spec, "success".equals(outcome), DONE, DONE.plusSeconds(elapsed));

        assertThat(decision.deleteCluster()).as("delete cluster").isEqualTo(deleteCluster);
        assertThat(decision.deleteRun()).as("delete run").isEqualTo(deleteRun);
        assertThat(decision.recheckAfter()).isEqualTo(Optional.ofNullable(recheck).map(Duration::ofSeconds));
    }
}

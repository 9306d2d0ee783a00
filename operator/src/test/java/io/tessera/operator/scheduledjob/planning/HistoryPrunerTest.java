package io.tessera.operator.scheduledjob.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tessera.api.v1alpha1.scheduledjob.status.RunTrigger;

class HistoryPrunerTest {

    private static final Instant NOW = Instant.parse("2018-01-01T02:03:04Z");
    private static final Instant LATER = Instant.parse("2019-01-01T02:03:04Z");

    @Test
    void shouldOrderLikeCronJobsByJobStartTime() {
        // Kubernetes utils_test TestByJobStartTime: nil start times last, equal ones by name.
        assertThat(oldestFirst(run("b", null), run("a", null))).containsExactly("a", "b");
        assertThat(oldestFirst(run("a", null), run("b", NOW))).containsExactly("b", "a");
        assertThat(oldestFirst(run("a", NOW), run("b", null))).containsExactly("a", "b");
        assertThat(oldestFirst(run("b", NOW), run("a", NOW))).containsExactly("a", "b");
        assertThat(oldestFirst(run("a", LATER), run("b", NOW))).containsExactly("b", "a");
    }

    @Test
    void shouldDeleteOnlyTheOldestBeyondEachLimit() {
        List<ObservedRun> runs = List.of(run("s1", NOW, RunPhase.Succeeded), run("s2", LATER, RunPhase.Succeeded),
                run("f1", NOW, RunPhase.Failed), run("f2", LATER, RunPhase.Failed), run("a1", NOW, RunPhase.Active));

        assertThat(HistoryPruner.prune(runs, 3, 1)).containsExactly("f1");
        assertThat(HistoryPruner.prune(runs, 1, 1)).containsExactly("s1", "f1");
        assertThat(HistoryPruner.prune(runs, 0, 0)).containsExactly("s1", "s2", "f1", "f2");
    }

    private static List<String> oldestFirst(ObservedRun... runs) {
        return List.of(runs).stream().sorted(HistoryPruner.OLDEST_FIRST).map(ObservedRun::name).toList();
    }

    private static ObservedRun run(String name, Instant start) {
        return run(name, start, RunPhase.Succeeded);
    }

    private static ObservedRun run(String name, Instant start, RunPhase phase) {
        return new ObservedRun(name, RunTrigger.Schedule, Optional.empty(), phase, Optional.ofNullable(start), Optional.empty());
    }
}

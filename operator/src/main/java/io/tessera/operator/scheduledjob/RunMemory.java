package io.tessera.operator.scheduledjob;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.tessera.api.v1alpha1.arrayjob.ArrayJob;

/**
 * Runs this operator created or deleted that the informer cache may not reflect yet. The planner
 * must see a run it just created (or it could start a second run where Forbid allows one, or miss
 * it in the history) and must not see one it just deleted (Replace would delete it again, the
 * history would call it active). An entry ends when the cache catches up, or after
 * {@link #FORGET_AFTER} in case an event was lost (a restarted operator starts from a fresh list).
 */
@ApplicationScoped
public class RunMemory {

    static final Duration FORGET_AFTER = Duration.ofMinutes(5);

    private record Entry(ArrayJob run, boolean deleted, Instant since) {
    }

    @Inject
    Clock clock;

    private final Map<String, Map<String, Entry>> byScheduledJob = new ConcurrentHashMap<>();

    public void created(String key, ArrayJob run) {
        entries(key).put(run.getMetadata().getName(), new Entry(run, false, clock.instant()));
    }

    public void deleted(String key, ArrayJob run) {
        entries(key).put(run.getMetadata().getName(), new Entry(run, true, clock.instant()));
    }

    /** The cached runs corrected by what this operator did and the cache does not show yet. */
    public List<ArrayJob> runs(String key, Collection<ArrayJob> cached) {
        Map<String, Entry> entries = entries(key);
        Set<String> cachedNames = cached.stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
        Instant now = clock.instant();
        entries.entrySet().removeIf(e -> e.getValue().since().plus(FORGET_AFTER).isBefore(now)
                || e.getValue().deleted() != cachedNames.contains(e.getKey()));
        List<ArrayJob> runs = new ArrayList<>(cached.stream().filter(r -> !entries.containsKey(r.getMetadata().getName()))
                .toList());
        entries.values().stream().filter(e -> !e.deleted()).map(Entry::run).forEach(runs::add);
        return runs;
    }

    public void forget(String key) {
        byScheduledJob.remove(key);
    }

    private Map<String, Entry> entries(String key) {
        return byScheduledJob.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
    }
}

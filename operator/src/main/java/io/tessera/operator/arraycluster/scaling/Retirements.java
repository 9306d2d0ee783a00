package io.tessera.operator.arraycluster.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Graceful retirements in flight, one per worker group at most. The scheduler's retire call
 * returns only once the workers' data has moved, which can take minutes; it runs here, off the
 * reconcile threads, and the reconciler collects the answer on a later pass.
 */
@ApplicationScoped
public class Retirements {

    /** A retire call the scheduler has not answered yet, or its answer. */
    public record InFlight(int count, Instant startedAt, CompletableFuture<List<String>> answer) {

        public boolean done() {
            return answer.isDone();
        }
    }

    /** A blocking call to the scheduler returning the names of the workers it retired. */
    @FunctionalInterface
    public interface RetireCall {
        List<String> retire() throws Exception;
    }

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tessera-retire");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

    public Optional<InFlight> current(String groupKey) {
        return Optional.ofNullable(inFlight.get(groupKey));
    }

    public void start(String groupKey, int count, Instant now, RetireCall call) {
        CompletableFuture<List<String>> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return call.retire();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
        inFlight.put(groupKey, new InFlight(count, now, answer));
    }

    /** Removes the group's retirement (answered, or given up on) and returns it. */
    public Optional<InFlight> take(String groupKey) {
        InFlight taken = inFlight.remove(groupKey);
        if (taken != null && !taken.done()) {
            taken.answer().cancel(true);
        }
        return Optional.ofNullable(taken);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}

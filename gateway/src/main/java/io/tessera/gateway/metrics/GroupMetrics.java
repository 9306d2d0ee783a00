package io.tessera.gateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-group quota and usage metrics, refreshed from PostgreSQL on a fixed period (one query), so
 * that every replica reports the same shared state and scrapes never touch the database:
 * <ul>
 * <li>{@code tessera_gateway_quota_reserved{group,resource}} and {@code ..._quota_limit} (cores,
 *     memory bytes, GPUs; no limit series when unlimited);</li>
 * <li>{@code tessera_gateway_quota_utilisation{group,resource}}: reserved / limit;</li>
 * <li>{@code tessera_gateway_metered_core_seconds_total{group}}: core-seconds metered so far, open
 *     intervals included up to the refresh. Read from the shared database, so every replica
 *     reports the same value: aggregate with max, not sum.</li>
 * </ul>
 */
@ApplicationScoped
public class GroupMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    GroupFiguresRepository figures;

    @Inject
    Clock clock;

    @ConfigProperty(name = "tessera.gateway.metrics.refresh-period", defaultValue = "30s")
    Duration refreshPeriod;

    private final Map<String, Double> meteredCoreSeconds = new ConcurrentHashMap<>();
    private MultiGauge reserved;
    private MultiGauge limit;
    private MultiGauge utilisation;
    private ScheduledExecutorService ticker;

    void onStart(@Observes StartupEvent event) {
        reserved = MultiGauge.builder("tessera.gateway.quota.reserved")
                .description("What a group's live clusters reserve (cores, memory bytes, GPUs)").register(registry);
        limit = MultiGauge.builder("tessera.gateway.quota.limit")
                .description("A group's quota (cores, memory bytes, GPUs); absent when unlimited").register(registry);
        utilisation = MultiGauge.builder("tessera.gateway.quota.utilisation")
                .description("Reserved / quota per group and resource").register(registry);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "group-metrics"));
        ticker.scheduleWithFixedDelay(this::refreshSafely, 0, refreshPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Reads every group's figures and publishes them. */
    public synchronized void refresh() {
        List<GroupFigures> groups = figures.all(clock.instant());
        Rows rows = new Rows();
        for (GroupFigures g : groups) {
            rows.add(g.group(), "cores", g.reservedMillicores(), g.limitMillicores(), 1000.0);
            rows.add(g.group(), "memory_bytes", g.reservedMemoryBytes(), g.limitMemoryBytes(), 1.0);
            rows.add(g.group(), "gpus", g.reservedGpus(), g.limitGpus(), 1.0);
            // Counters never go down: a corrected estimate may only add. Registered once per group.
            boolean newGroup = !meteredCoreSeconds.containsKey(g.group());
            meteredCoreSeconds.merge(g.group(), g.meteredCoreSeconds(), Math::max);
            if (newGroup) {
                FunctionCounter.builder("tessera.gateway.metered.core.seconds", meteredCoreSeconds,
                                m -> m.getOrDefault(g.group(), 0.0))
                        .description("Core-seconds metered from pods, open intervals up to the last refresh")
                        .tag("group", g.group()).register(registry);
            }
        }
        reserved.register(rows.reserved, true);
        limit.register(rows.limit, true);
        utilisation.register(rows.utilisation, true);
    }

    /** The three gauges' rows of one refresh; amounts arrive in exact units and are published in {@code unit}s. */
    private static final class Rows {

        final List<MultiGauge.Row<?>> reserved = new ArrayList<>();
        final List<MultiGauge.Row<?>> limit = new ArrayList<>();
        final List<MultiGauge.Row<?>> utilisation = new ArrayList<>();

        void add(String group, String resource, long reservedExact, OptionalLong limitExact, double unit) {
            Tags tags = Tags.of("group", group, "resource", resource);
            reserved.add(MultiGauge.Row.of(tags, reservedExact / unit));
            limitExact.ifPresent(l -> limit.add(MultiGauge.Row.of(tags, l / unit)));
            OptionalDouble ratio = GroupFigures.utilisation(reservedExact, limitExact);
            ratio.ifPresent(r -> utilisation.add(MultiGauge.Row.of(tags, r)));
        }
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            Log.warnf("group metrics refresh failed (next one retries): %s", e.getMessage());
        }
    }
}

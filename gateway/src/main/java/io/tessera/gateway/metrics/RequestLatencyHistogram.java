package io.tessera.gateway.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Arrays;

/**
 * Request latency of the REST API as a Prometheus histogram with a fixed, small set of buckets
 * (server-side aggregatable p50/p99 across replicas) plus client-side p50/p95/p99 per replica.
 * A dozen buckets rather than Micrometer's ~70 keeps the series count per URI template low; URI
 * tags are templates ({@code /api/admin/v1/groups/{group}}), never raw paths.
 */
@Singleton
public class RequestLatencyHistogram {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double[] BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    @Produces
    @Singleton
    MeterFilter requestLatency() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.95, 0.99)
                        .serviceLevelObjectives(Arrays.stream(BUCKETS_SECONDS).map(s -> s * NANOS_PER_SECOND).toArray())
                        .build().merge(config);
            }
        };
    }
}

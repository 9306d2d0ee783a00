package io.tessera.operator.arraycluster.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The scheduler API client against a real Dask scheduler and real workers: the operator's view of
 * adaptive targets, graceful retirement and idleness is what Dask itself reports.
 */
class SchedulerApiIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRetireExactlyTheWorkersTheSchedulerChoseAndReportIdleness() throws Exception {
        try (LocalDask dask = new LocalDask("demo").startScheduler().startWorker("demo-default-a")
                .startWorker("demo-default-b").startWorker("demo-default-c")) {
            SchedulerApi api = new SchedulerApi(http, dask.httpAddress(), Duration.ofSeconds(30));
            await().atMost(STARTUP).ignoreExceptions().untilAsserted(() -> assertThat(api.workers())
                    .containsExactlyInAnyOrder("demo-default-a", "demo-default-b", "demo-default-c"));

            await().atMost(STARTUP).ignoreExceptions().untilAsserted(() -> assertThat(api.idleSince()).isPresent());
            assertThat(api.idleSince().orElseThrow()).isBefore(Instant.now().plusSeconds(1));
            assertThat(api.adaptiveTarget()).as("no work: nothing to keep").isZero();

            List<String> retired = api.retireWorkers(2);

            assertThat(retired).hasSize(2).isSubsetOf("demo-default-a", "demo-default-b", "demo-default-c");
            await().atMost(STARTUP).untilAsserted(() -> assertThat(api.workers())
                    .containsExactlyInAnyOrderElementsOf(remaining(retired)));
            assertThat(api.retireWorkers(0)).isEmpty();
        }
    }

    @Test
    void shouldAskForMoreWorkersUnderLoadAndStopBeingIdle() throws Exception {
        try (LocalDask dask = new LocalDask("busy").startScheduler().startWorker("busy-default-a")) {
            SchedulerApi api = new SchedulerApi(http, dask.httpAddress(), Duration.ofSeconds(30));
            await().atMost(STARTUP).ignoreExceptions().untilAsserted(() -> assertThat(api.workers()).hasSize(1));

            dask.startBusyClient("busy-client", 12);

            await().atMost(STARTUP).ignoreExceptions().untilAsserted(() -> {
                assertThat(api.adaptiveTarget()).isGreaterThan(1);
                assertThat(api.idleSince()).isEmpty();
            });
        }
    }

    @Test
    void shouldFindTheApiOnlyUnderTheClustersPrefix() throws Exception {
        try (LocalDask dask = new LocalDask("prefixed").startScheduler()) {
            SchedulerApi prefixed = new SchedulerApi(http, dask.httpAddress(), Duration.ofSeconds(30));
            SchedulerApi root = new SchedulerApi(http, URI.create(dask.httpRoot()), Duration.ofSeconds(30));

            await().atMost(STARTUP).ignoreExceptions().untilAsserted(() -> assertThat(prefixed.workers()).isEmpty());
            assertThat(dask.httpAddress()).hasToString(dask.httpRoot() + "/clusters/prefixed/");
            assertThatThrownBy(root::adaptiveTarget).isInstanceOf(SchedulerUnreachableException.class)
                    .hasMessageContaining("answered 404");
        }
    }

    @Test
    void shouldSayWhichAddressIsUnreachable() {
        SchedulerApi api = new SchedulerApi(http, URI.create("http://127.0.0.1:9"), Duration.ofSeconds(2));

        assertThatThrownBy(api::adaptiveTarget).isInstanceOf(SchedulerUnreachableException.class)
                .hasMessageContaining("http://127.0.0.1:9/api/v1/adaptive_target");
    }

    private static List<String> remaining(List<String> retired) {
        return List.of("demo-default-a", "demo-default-b", "demo-default-c").stream()
                .filter(name -> !retired.contains(name)).toList();
    }
}

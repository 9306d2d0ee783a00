package io.tessera.operator.arraycluster.scheduler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Client of the Dask scheduler's HTTP API ({@code distributed.http.scheduler.api}): the adaptive
 * target, graceful retirement (the scheduler picks the workers), the worker list and the idle
 * state. Worker names are pod names, so answers map straight to pods.
 */
public final class SchedulerApi {

    /**
     * Route modules to enable on the scheduler: Dask's defaults plus the API this client needs,
     * minus {@code distributed.http.proxy}, an open tunnel into the cluster network (the worker
     * image's entrypoint enables the same set).
     */
    public static final String HTTP_ROUTES = "['distributed.http.scheduler.prometheus', "
            + "'distributed.http.scheduler.info', 'distributed.http.scheduler.json', 'distributed.http.health', "
            + "'distributed.http.statics', 'distributed.http.scheduler.api']";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    /**
     * @param base the scheduler's HTTP address with its route prefix, e.g.
     *     {@code http://demo-scheduler.ns.svc:8787/clusters/demo/}: the API's paths are resolved
     *     relative to it
     * @param timeout per request; retirement waits for the scheduler to move data, so keep it generous
     */
    public SchedulerApi(HttpClient http, URI base, Duration timeout) {
        this.http = http;
        // Without a trailing slash, resolving "api/v1/..." would replace the prefix's last segment.
        this.base = base.getPath().endsWith("/") ? base : URI.create(base + "/");
        this.timeout = timeout;
    }

    /** Workers the scheduler would like to have now ({@code GET <prefix>api/v1/adaptive_target}). */
    public int adaptiveTarget() throws SchedulerUnreachableException {
        return get("api/v1/adaptive_target").path("workers").asInt();
    }

    /** Names of the connected workers ({@code GET /api/v1/get_workers}). */
    public List<String> workers() throws SchedulerUnreachableException {
        List<String> names = new ArrayList<>();
        get("api/v1/get_workers").path("workers").forEach(w -> names.add(w.path("name").asText()));
        return names;
    }

    /**
     * Asks the scheduler to retire {@code n} workers of its choosing, moving their data first.
     *
     * @return the names of the workers it retired, to delete exactly those pods
     */
    public List<String> retireWorkers(int n) throws SchedulerUnreachableException {
        if (n < 1) {
            return List.of();
        }
        return names(send(HttpRequest.newBuilder(uri("api/v1/retire_workers")).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("n", n)))).build()));
    }

    /** The scheduler answers retirements with a map of address to worker info. */
    private static List<String> names(JsonNode retired) {
        List<String> names = new ArrayList<>();
        retired.forEach(info -> names.add(info.path("name").asText()));
        return names;
    }

    /**
     * Asks the scheduler to retire the named workers, moving their data first. Used where the
     * scheduler cannot choose (its choice spans all worker groups), so the operator names them.
     *
     * @return the names of the workers it retired
     */
    public List<String> retireWorkersNamed(List<String> names) throws SchedulerUnreachableException {
        List<String> addresses = new ArrayList<>();
        get("api/v1/get_workers").path("workers").forEach(w -> {
            if (names.contains(w.path("name").asText())) {
                addresses.add(w.path("address").asText());
            }
        });
        if (addresses.isEmpty()) {
            return List.of();
        }
        return names(send(HttpRequest.newBuilder(uri("api/v1/retire_workers")).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("workers", addresses)))).build()));
    }

    /** Since when the scheduler has had nothing to do, or empty while it works ({@code GET /api/v1/check_idle}). */
    public Optional<Instant> idleSince() throws SchedulerUnreachableException {
        JsonNode since = get("api/v1/check_idle").path("idle_since");
        if (since.isMissingNode() || since.isNull()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(Math.round(since.asDouble() * 1000)));
    }

    private JsonNode get(String path) throws SchedulerUnreachableException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(timeout).GET().build());
    }

    private JsonNode send(HttpRequest request) throws SchedulerUnreachableException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SchedulerUnreachableException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + (response.statusCode() == 404
                                ? " (is distributed.http.scheduler.api among the scheduler's HTTP routes?)" : ""));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchedulerUnreachableException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchedulerUnreachableException("interrupted while calling " + request.uri(), e);
        }
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

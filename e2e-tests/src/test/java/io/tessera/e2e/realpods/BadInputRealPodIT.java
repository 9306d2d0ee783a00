package io.tessera.e2e.realpods;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.tessera.e2e.support.ClusterNamespace;

/**
 * Requests that cannot work say why within a bounded time, in the kubelet's or the scheduler's own
 * reason, instead of leaving the cluster waiting silently: an image that cannot be pulled, a
 * request no node fits, a container whose entrypoint refuses its configuration and exits.
 */
@EnabledIfSystemProperty(named = "tessera.realPods", matches = "true",
        disabledReason = "needs the real node and the installed operator (./tessera test runs it)")
class BadInputRealPodIT {

    private static final Duration BOUND = Duration.ofSeconds(90);

    @RegisterExtension
    static final ClusterNamespace ns = new ClusterNamespace("real-bad");

    @Test
    void anImageThatCannotBePulledIsNamedInSchedulerReady() {
        // A registry on a closed loopback port: the pull fails at once and nothing leaves the machine.
        apply("no-image", "image: 127.0.0.1:1/tessera/missing:1", "{cpu: 50m, memory: 256Mi}", "");
        Map<String, Object> condition = awaitCondition("no-image", "SchedulerReady",
                c -> List.of("ErrImagePull", "ImagePullBackOff").contains(c.get("reason")));
        assertThat((String) condition.get("message")).contains("127.0.0.1:1/tessera/missing:1");
        assertThat(readyReason("no-image")).isIn("ErrImagePull", "ImagePullBackOff");
    }

    @Test
    void aRequestNoNodeFitsIsNamedInWorkersReady() {
        apply("too-big", "", "{cpu: \"512\", memory: 256Mi}", "");
        Map<String, Object> condition = awaitCondition("too-big", "WorkersReady",
                c -> "Unschedulable".equals(c.get("reason")));
        assertThat((String) condition.get("message")).contains("Insufficient cpu");
    }

    @Test
    void aContainerThatExitsAtOnceIsNamedInWorkersReady() {
        // Dask resources without an amount: the worker image's entrypoint refuses them and exits 64.
        // (The operator sets the TLS variables itself, so a broken TLS setting is no longer the template's to give.)
        apply("exits", "", "{cpu: 50m, memory: 256Mi}", """
                    template:
                      spec:
                        containers: [{name: worker, env: [{name: TESSERA_WORKER_RESOURCES, value: GPU}]}]
                """);
        // The failed pod is replaced at once, and the next pass's status no longer sees it: the
        // cause is in the condition only until then, so every status version is watched.
        Map<String, Object> condition = awaitConditionWatched("exits", "WorkersReady",
                c -> String.valueOf(c.get("message")).contains("exited with code 64"));
        assertThat(condition.get("status")).isEqualTo("False");
    }

    /** Like {@link #awaitCondition}, but sees every version of the status, however short-lived. */
    private Map<String, Object> awaitConditionWatched(String cluster, String type,
            java.util.function.Predicate<Map<String, Object>> matches) {
        java.util.concurrent.CompletableFuture<Map<String, Object>> seen = new java.util.concurrent.CompletableFuture<>();
        try (var watch = ns.client().genericKubernetesResources("tessera.io/v1alpha1", "ArrayCluster")
                .inNamespace(ns.namespace()).withName(cluster).watch(new io.fabric8.kubernetes.client.Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource resource) {
                        conditionOf(resource, type).filter(matches).ifPresent(seen::complete);
                    }

                    @Override
                    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
                    }
                })) {
            condition(cluster, type).filter(matches).ifPresent(seen::complete);
            return seen.get(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(type + " of " + cluster + " never named the cause within " + BOUND + "; now: "
                    + condition(cluster, type), e);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private void apply(String name, String image, String requests, String workerTemplate) {
        RealPods.apply(ns.namespace(), """
                apiVersion: tessera.io/v1alpha1
                kind: ArrayCluster
                metadata: {name: %s}
                spec:
                  %s
                  worker:
                    replicas: 1
                    resources:
                      requests: %s
                      limits: {memory: 512Mi}
                %s""".formatted(name, image, requests, workerTemplate));
    }

    private Map<String, Object> awaitCondition(String cluster, String type,
            java.util.function.Predicate<Map<String, Object>> matches) {
        return RealPods.await(type + " of " + cluster + " naming the cause", BOUND,
                () -> condition(cluster, type).orElse(Map.of()), matches::test);
    }

    private String readyReason(String cluster) {
        return String.valueOf(condition(cluster, "Ready").orElseThrow().get("reason"));
    }

    private Optional<Map<String, Object>> condition(String cluster, String type) {
        return conditionOf(ns.client().genericKubernetesResources("tessera.io/v1alpha1", "ArrayCluster")
                .inNamespace(ns.namespace()).withName(cluster).get(), type);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> conditionOf(GenericKubernetesResource ac, String type) {
        Map<String, Object> status = (Map<String, Object>) ac.getAdditionalProperties().getOrDefault("status", Map.of());
        return ((List<Map<String, Object>>) status.getOrDefault("conditions", List.of())).stream()
                .filter(c -> type.equals(c.get("type"))).findFirst();
    }
}

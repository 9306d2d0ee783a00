package io.tessera.e2e.realpods;

import static io.tessera.e2e.realpods.RealPods.POD_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.e2e.support.ClusterNamespace;
import io.tessera.e2e.support.Kubectl;
import io.tessera.e2e.support.Python;

/**
 * One ArrayCluster on the real node, from apply to recovery: Ready because the real scheduler
 * answers, an Xarray reduction computed on its workers, scaled up and gracefully down through the
 * scheduler's own retire_workers, a crashed worker replaced, a crashed scheduler recovered, and the
 * restricted security context in force in the running containers. The steps share the cluster and
 * run in order; each one leaves it Ready with one worker.
 */
@EnabledIfSystemProperty(named = "tessera.realPods", matches = "true",
        disabledReason = "needs the real node and the installed operator (./tessera test runs it)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArrayClusterRealPodIT {

    private static final String NAME = "journey";

    @RegisterExtension
    static final ClusterNamespace ns = new ClusterNamespace("real-ac");

    /** Which pods computed (their host names are the worker pod names) and the Xarray result. */
    private static final String COMPUTE = """
            import socket, sys
            import dask.array as da
            import xarray as xr
            from dask.distributed import Client
            client = Client(sys.argv[1], timeout=60)
            hosts = set(client.gather(client.map(lambda i: socket.gethostname(), range(16), pure=False)))
            temperature = xr.DataArray(da.arange(4 * 250_000, chunks=50_000).reshape(4, 250_000), dims=("time", "x"))
            print("hosts", ",".join(sorted(hosts)))
            print("means", ",".join(repr(float(v)) for v in temperature.mean("x").compute().values))
            print("workers", len(client.scheduler_info()["workers"]))
            """;

    private final KubernetesClient client = ns.client();

    @Test
    @Order(1)
    void becomesReadyBecauseTheRealSchedulerAnswersAndComputesOnItsWorkers() {
        RealPods.apply(ns.namespace(), """
                apiVersion: tessera.io/v1alpha1
                kind: ArrayCluster
                metadata: {name: %s}
                spec:
                  worker:
                    replicas: 1
                    maxReplicas: 3
                    resources:
                      requests: {cpu: 50m, memory: 384Mi}
                      limits: {cpu: "1", memory: 768Mi}
                  scheduler:
                    resources:
                      requests: {cpu: 50m, memory: 256Mi}
                      limits: {memory: 768Mi}
                """.formatted(NAME));
        RealPods.waitFor(ns.namespace(), "ac/" + NAME, "Ready", POD_TIMEOUT);

        Pod scheduler = RealPods.pods(client, ns.namespace(), NAME, "scheduler").get(0);
        RealPods.assertRanOnARealNode(scheduler);
        List<Pod> workers = RealPods.awaitReadyWorkers(client, ns.namespace(), NAME, 1);
        RealPods.assertRanOnARealNode(workers.get(0));
        String workerName = workers.get(0).getMetadata().getName();
        assertThat(RealPods.logs(ns.namespace(), scheduler.getMetadata().getName()))
                .as("the scheduler's log shows the worker pod joining").contains("Register worker")
                .contains(workerName);

        String out = compute();
        assertThat(line(out, "hosts")).isEqualTo(workerName);
        assertThat(line(out, "means")).isEqualTo("124999.5,374999.5,624999.5,874999.5");
    }

    @Test
    @Order(2)
    void scalesUpAndRetiresGracefullyThroughTheScheduler() {
        Kubectl.run("scale", "-n", ns.namespace(), "ac/" + NAME, "--replicas=2").assertSuccess();
        List<Pod> two = RealPods.awaitReadyWorkers(client, ns.namespace(), NAME, 2);
        RealPods.await("the scheduler to know both workers", POD_TIMEOUT, this::compute,
                out -> line(out, "workers").equals("2"));

        Kubectl.run("scale", "-n", ns.namespace(), "ac/" + NAME, "--replicas=1").assertSuccess();
        List<Pod> one = RealPods.awaitReadyWorkers(client, ns.namespace(), NAME, 1);
        Set<String> before = names(two);
        assertThat(before).contains(one.get(0).getMetadata().getName());
        String retired = before.stream().filter(n -> !n.equals(one.get(0).getMetadata().getName())).findFirst()
                .orElseThrow();
        String scheduler = RealPods.pods(client, ns.namespace(), NAME, "scheduler").get(0).getMetadata().getName();
        assertThat(RealPods.logs(ns.namespace(), scheduler)).as("the scheduler chose and retired the worker")
                .containsPattern("(?i)retir");
        assertThat(Kubectl.run("get", "events", "-n", ns.namespace(), "--field-selector",
                "involvedObject.name=" + NAME, "-o", "jsonpath={.items[*].message}").assertSuccess().stdout())
                .contains("the scheduler retired " + retired);
        String out = compute();
        assertThat(line(out, "workers")).isEqualTo("1");
        assertThat(line(out, "hosts")).isEqualTo(one.get(0).getMetadata().getName());
    }

    @Test
    @Order(3)
    void runsTheContainersRestricted() {
        String worker = RealPods.readyWorkers(client, ns.namespace(), NAME).get(0).getMetadata().getName();
        String status = Kubectl.run("exec", "-n", ns.namespace(), worker, "--", "cat", "/proc/1/status")
                .assertSuccess().stdout();
        assertThat(status).as("PID 1 of the worker container")
                .containsPattern("Uid:\\s+1000\\s")
                .containsPattern("NoNewPrivs:\\s+1")
                .containsPattern("Seccomp:\\s+2")
                .containsPattern("CapEff:\\s+0000000000000000");
    }

    @Test
    @Order(4)
    void replacesAWorkerWhoseContainerWasKilled() {
        String victim = RealPods.readyWorkers(client, ns.namespace(), NAME).get(0).getMetadata().getName();
        killAllProcesses(victim);
        List<Pod> replaced = RealPods.await("a new ready worker replacing " + victim, POD_TIMEOUT,
                () -> RealPods.readyWorkers(client, ns.namespace(), NAME),
                workers -> workers.size() == 1 && !workers.get(0).getMetadata().getName().equals(victim));
        RealPods.await("the scheduler to see only the new worker", POD_TIMEOUT, this::compute,
                out -> line(out, "hosts").equals(replaced.get(0).getMetadata().getName())
                        && line(out, "workers").equals("1"));
    }

    @Test
    @Order(5)
    void recoversAKilledScheduler() {
        Pod old = RealPods.pods(client, ns.namespace(), NAME, "scheduler").get(0);
        killAllProcesses(old.getMetadata().getName());
        RealPods.await("a recreated scheduler pod", POD_TIMEOUT,
                () -> RealPods.pods(client, ns.namespace(), NAME, "scheduler"),
                pods -> pods.stream().anyMatch(p -> RealPods.ready(p)
                        && !p.getMetadata().getUid().equals(old.getMetadata().getUid())));
        RealPods.waitFor(ns.namespace(), "ac/" + NAME, "Ready", POD_TIMEOUT);
        String out = RealPods.await("the recovered cluster to compute on one worker", POD_TIMEOUT, this::compute,
                o -> line(o, "workers").equals("1"));
        assertThat(line(out, "means")).isEqualTo("124999.5,374999.5,624999.5,874999.5");
    }

    /** SIGKILL to every process of the container but its init, which then exits: a crash, not a stop. */
    private void killAllProcesses(String pod) {
        Kubectl.run("exec", "-n", ns.namespace(), pod, "--", "sh", "-c", "kill -KILL -1");
    }

    private String compute() {
        return Python.run(Duration.ofMinutes(2), COMPUTE, RealPods.schedulerAddress(client, ns.namespace(), NAME));
    }

    private static String line(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + key + "' in:\n" + output));
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }
}

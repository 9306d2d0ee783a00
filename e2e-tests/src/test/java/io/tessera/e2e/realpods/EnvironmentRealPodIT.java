package io.tessera.e2e.realpods;

import static io.tessera.e2e.realpods.RealPods.POD_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.e2e.support.ClusterNamespace;
import io.tessera.e2e.support.Kubectl;
import io.tessera.e2e.support.Python;

/**
 * Environments on the real node: an extra pip package (not in the image) is built once by a Job
 * from the local package index into the namespace's cache, imported on every worker and by an
 * ArrayJob's runner; a second cluster with the same content (here: what the notebook helper reads
 * from a local Python environment) reuses the build; a package the index lacks fails the build with
 * the installer's own message and no pod starts.
 */
@EnabledIfSystemProperty(named = "tessera.realPods", matches = "true",
        disabledReason = "needs the real node, the installed operator and the local package index (./tessera test runs it)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnvironmentRealPodIT {

    @RegisterExtension
    static final ClusterNamespace ns = new ClusterNamespace("real-env");

    /** The package the local index holds and the worker image lacks (e2e-tests/cluster/pypi-mirror.txt). */
    private static final String PACKAGE = "tabulate==0.9.0";
    private static final String COMPONENT_BUILD = "environment-build";

    private static final String IMPORTS = RealPods.CONNECT + """
            client = connect()  # this machine's client does not have the package: only the workers do
            client.wait_for_workers(2, timeout=120)
            found = client.run(lambda: __import__("tabulate").__version__ + " " + __import__("tabulate").__file__)
            print("workers", len(found))
            for line in sorted(set(found.values())):
                print("worker", line)
            """;

    private final KubernetesClient client = ns.client();

    private static String cluster(String name, String pipList) {
        return """
                apiVersion: tessera.io/v1alpha1
                kind: ArrayCluster
                metadata: {name: %s}
                spec:
                  environment:
                    pip: %s
                  worker:
                    replicas: 2
                    resources:
                      requests: {cpu: 50m, memory: 320Mi}
                      limits: {memory: 768Mi}
                """.formatted(name, pipList);
    }

    @Test
    @Order(1)
    void buildsTheEnvironmentOnceAndEveryWorkerImportsThePackageFromIt() {
        RealPods.apply(ns.namespace(), cluster("env-a", "[\"" + PACKAGE + "\"]"));
        RealPods.waitFor(ns.namespace(), "ac/env-a", "Ready", Duration.ofMinutes(5));

        Condition environment = condition("env-a", "EnvironmentReady");
        assertThat(environment.getStatus()).isEqualTo("True");
        assertThat(environment.getReason()).isEqualTo("Built");
        assertThat(environment.getMessage()).matches("environment [0-9a-f]{12} built in .*");
        List<Job> builds = builds();
        assertThat(builds).as("build Jobs").hasSize(1);
        assertThat(builds.get(0).getStatus().getSucceeded()).isEqualTo(1);

        String out = Python.run(Duration.ofMinutes(2), IMPORTS,
                RealPods.clientArgs(client, ns.namespace(), "env-a"));
        assertThat(out).contains("workers 2");
        // one answer for both workers: the version asked for, imported from the shared cache
        assertThat(out.lines().filter(l -> l.startsWith("worker ")).toList()).singleElement().asString()
                .startsWith("worker 0.9.0 /var/cache/tessera/envs/");
    }

    @Test
    @Order(2)
    void aSecondClusterWithTheNotebooksEnvironmentReusesTheBuild() throws IOException {
        String pip = notebookEnvironment();
        assertThat(pip).as("the notebook helper's pip list").isEqualTo("[\"" + PACKAGE + "\"]");
        String hash = condition("env-a", "EnvironmentReady").getMessage().split(" ")[1];

        RealPods.apply(ns.namespace(), cluster("env-b", pip));
        RealPods.waitFor(ns.namespace(), "ac/env-b", "Ready", Duration.ofMinutes(3));
        assertThat(condition("env-b", "EnvironmentReady").getMessage()).contains(hash);
        assertThat(builds()).as("still one build Job, which ran once").singleElement()
                .satisfies(job -> assertThat(job.getStatus().getSucceeded()).isEqualTo(1));
        RealPods.awaitReadyWorkers(client, ns.namespace(), "env-b", 2).forEach(worker -> assertThat(
                RealPods.logs(ns.namespace(), worker.getMetadata().getName())).contains("reusing environment"));
    }

    @Test
    @Order(3)
    void anArrayJobsRunnerSeesTheEnvironmentOfItsWorkers() {
        RealPods.apply(ns.namespace(), """
                apiVersion: tessera.io/v1alpha1
                kind: ArrayJob
                metadata: {name: env-job}
                spec:
                  cluster:
                    environment:
                      pip: ["%s"]
                    worker:
                      replicas: 1
                      resources:
                        requests: {cpu: 50m, memory: 320Mi}
                        limits: {memory: 768Mi}
                  runner:
                    resources:
                      requests: {cpu: 50m, memory: 256Mi}
                      limits: {memory: 512Mi}
                    script:
                      inline: |
                        import tabulate
                        from dask.distributed import Client
                        client = Client()
                        client.wait_for_workers(1, timeout=120)
                        workers = set(client.run(lambda: __import__("tabulate").__version__).values())
                        print("runner", tabulate.__version__, "workers", ",".join(sorted(workers)))
                  provisioningDeadlineSeconds: 180
                  activeDeadlineSeconds: 300
                  backoffLimit: 0
                """.formatted(PACKAGE));
        Kubectl.run("wait", "-n", ns.namespace(), "--for=jsonpath={.status.phase}=Succeeded",
                "--timeout=" + Duration.ofMinutes(4).toSeconds() + "s", "aj/env-job").assertSuccess();
        String job = Kubectl.run("get", "aj/env-job", "-n", ns.namespace(), "-o", "jsonpath={.status.jobName}")
                .assertSuccess().stdout();
        assertThat(Kubectl.run("logs", "-n", ns.namespace(), "job/" + job).assertSuccess().stdout())
                .contains("runner 0.9.0 workers 0.9.0");
        assertThat(builds()).as("the run's cluster used the same build").hasSize(1);
    }

    @Test
    @Order(4)
    void aPackageTheIndexLacksFailsTheBuildWithTheInstallersMessageAndStartsNoPod() {
        RealPods.apply(ns.namespace(), cluster("env-bad", "[\"tessera-no-such-package==1.0\"]"));
        Condition failed = RealPods.await("EnvironmentReady BuildFailed", POD_TIMEOUT,
                () -> condition("env-bad", "EnvironmentReady"),
                c -> c != null && "BuildFailed".equals(c.getReason()));
        assertThat(failed.getStatus()).isEqualTo("False");
        // uv's own words, not a paraphrase
        assertThat(failed.getMessage()).containsIgnoringCase("tessera-no-such-package")
                .containsIgnoringCase("not found");
        assertThat(RealPods.pods(client, ns.namespace(), "env-bad", "scheduler")).isEmpty();
        assertThat(RealPods.pods(client, ns.namespace(), "env-bad", "worker")).isEmpty();
    }

    /**
     * What the notebook helper makes of a local Python environment holding the package (installed
     * from the local index into a directory on this machine): its pip list, as JSON.
     */
    private static String notebookEnvironment() throws IOException {
        String index = System.getProperty("tessera.packageIndex");
        assertThat(index).as("system property tessera.packageIndex (the local index's URL)").isNotBlank();
        Path site = Files.createTempDirectory("notebook-site");
        try {
            Python.run(Duration.ofMinutes(2), """
                    import subprocess, sys, urllib.parse
                    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                                    "--disable-pip-version-check", "--index-url", sys.argv[1],
                                    "--trusted-host", urllib.parse.urlsplit(sys.argv[1]).hostname,  # plain HTTP, local
                                    "--target", sys.argv[2], sys.argv[3]], check=True)
                    """, index, site.toString(), PACKAGE);
            return Python.run(Duration.ofMinutes(2), """
                    import json, os, sys
                    sys.stderr = open(os.devnull, "w")  # the helper's summary; the output is the JSON alone
                    sys.path.insert(0, sys.argv[2])
                    sys.path.insert(0, sys.argv[3])
                    from tessera_worker import notebook
                    print(json.dumps(notebook.environment(index_url=sys.argv[1])["pip"]))
                    """, index, site.toString(), workerImageSource()).trim();
        } finally {
            try (var files = Files.walk(site)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }

    private static String workerImageSource() {
        Path source = Path.of(System.getProperty("user.dir")).resolveSibling("worker-image");
        assertThat(source.resolve("tessera_worker/notebook.py")).exists();
        return source.toString();
    }

    private Condition condition(String cluster, String type) {
        ArrayCluster current = client.resources(ArrayCluster.class).inNamespace(ns.namespace()).withName(cluster).get();
        if (current == null || current.getStatus() == null || current.getStatus().getConditions() == null) {
            return null;
        }
        return current.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElse(null);
    }

    private List<Job> builds() {
        return client.batch().v1().jobs().inNamespace(ns.namespace())
                .withLabel(RealPods.COMPONENT, COMPONENT_BUILD).list().getItems();
    }
}

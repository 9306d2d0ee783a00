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
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.e2e.support.ClusterNamespace;
import io.tessera.e2e.support.Kubectl;
import io.tessera.e2e.support.Python;

/**
 * One ArrayCluster on the real node, from apply to deletion: Ready because the real scheduler
 * answers, an Xarray reduction computed on its workers over TLS with the certificate of the
 * cluster's own Secret (clients without it refused, HTTP under the cluster's prefix), scaled up and gracefully down through the
 * scheduler's own retire_workers, a crashed worker replaced, a crashed scheduler recovered, and the
 * restricted security context in force in the running containers, the Secret gone with the
 * cluster. The steps share the cluster and run in order; each one but the last leaves it Ready
 * with one worker.
 */
@EnabledIfSystemProperty(named = "tessera.realPods", matches = "true",
        disabledReason = "needs the real node and the installed operator (./tessera test runs it)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArrayClusterRealPodIT {

    private static final String NAME = "journey";

    @RegisterExtension
    static final ClusterNamespace ns = new ClusterNamespace("real-ac");

    /**
     * Clients the scheduler must refuse (argv: the TLS address, the cluster's certificate): one that
     * trusts the scheduler but presents no certificate (plain ssl: Dask cannot even build such a
     * client context), a Dask client presenting a certificate of its own making, and one speaking
     * plain TCP. An accepted connection would receive the scheduler's Dask handshake.
     */
    private static final String UNCERTIFIED = """
            import datetime, socket, ssl, sys, tempfile
            from cryptography import x509
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import rsa
            from cryptography.x509.oid import NameOID
            from dask.distributed import Client
            from distributed.security import Security
            tls_address, cert = sys.argv[1:3]
            host, port = tls_address[len("tls://"):].rsplit(":", 1)

            def no_certificate():
                ctx = ssl.create_default_context(cafile=cert)
                ctx.check_hostname = False
                with socket.create_connection((host, int(port)), timeout=10) as raw:
                    with ctx.wrap_socket(raw) as tls:
                        if not tls.recv(1):  # TLS 1.3: the refusal is an alert after the handshake
                            raise ConnectionError("closed")

            def own_certificate():
                key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
                name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dask-internal")])
                now = datetime.datetime.now(datetime.timezone.utc)
                mine = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                        .serial_number(x509.random_serial_number()).not_valid_before(now)
                        .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
                d = tempfile.mkdtemp()
                open(d + "/c.pem", "wb").write(mine.public_bytes(serialization.Encoding.PEM))
                open(d + "/k.pem", "wb").write(key.private_bytes(serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
                Client(tls_address, timeout=10, security=Security(tls_ca_file=cert, tls_client_cert=d + "/c.pem",
                       tls_client_key=d + "/k.pem", require_encryption=True))

            def plain_tcp():
                Client(tls_address.replace("tls://", "tcp://"), timeout=10, security=Security(require_encryption=False))

            for attempt in (no_certificate, own_certificate, plain_tcp):
                try:
                    attempt()
                    print(attempt.__name__, "connected")
                except Exception as e:
                    print(attempt.__name__, "refused", type(e).__name__, e)
            """;

    /** GET status of a path of the scheduler's HTTP server (argv: base URL, path). */
    private static final String HTTP_STATUS = """
            import sys, urllib.request, urllib.error
            try:
                print(urllib.request.urlopen(sys.argv[1] + sys.argv[2], timeout=10).status)
            except urllib.error.HTTPError as e:
                print(e.code)
            """;

    /** Which pods computed (their host names are the worker pod names) and the Xarray result. */
    private static final String COMPUTE = RealPods.CONNECT + """
            import socket
            import dask.array as da
            import xarray as xr
            client = connect()
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
    void talksTlsWithTheClustersOwnCertificateOnlyAndServesHttpUnderItsPrefix() {
        Secret secret = client.secrets().inNamespace(ns.namespace()).withName(NAME + "-tls").get();
        String uid = client.resources(ArrayCluster.class).inNamespace(ns.namespace()).withName(NAME).get()
                .getMetadata().getUid();
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getMetadata().getOwnerReferences()).as("owned by the ArrayCluster").singleElement()
                .satisfies(owner -> {
                    assertThat(owner.getUid()).isEqualTo(uid);
                    assertThat(owner.getController()).isTrue();
                });
        assertThat(client.resources(ArrayCluster.class).inNamespace(ns.namespace()).withName(NAME).get().getStatus()
                .getSchedulerAddress()).isEqualTo("tls://" + NAME + "-scheduler." + ns.namespace() + ".svc:8786");

        String[] args = RealPods.clientArgs(client, ns.namespace(), NAME);
        String refused = Python.run(Duration.ofMinutes(1), UNCERTIFIED, args[0], args[1]);
        assertThat(refused).as("the scheduler refuses clients without the cluster's certificate")
                .contains("no_certificate refused").contains("own_certificate refused").contains("plain_tcp refused")
                .doesNotContain("connected");
        String scheduler = RealPods.pods(client, ns.namespace(), NAME, "scheduler").get(0).getMetadata().getName();
        assertThat(RealPods.logs(ns.namespace(), scheduler)).as("the scheduler listens on TLS")
                .contains("Scheduler at:     tls://");

        String http = "http://" + RealPods.schedulerIp(client, ns.namespace(), NAME) + ":8787";
        assertThat(Python.run(Duration.ofMinutes(1), HTTP_STATUS, http, "/clusters/" + NAME + "/status").trim())
                .as("the dashboard under the cluster's prefix").isEqualTo("200");
        assertThat(Python.run(Duration.ofMinutes(1), HTTP_STATUS, http, "/status").trim())
                .as("nothing outside the prefix").isEqualTo("404");
    }

    @Test
    @Order(3)
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
        // The event is written after the pod's deletion, which the wait above may already have seen.
        RealPods.await("the event naming the retired worker", Duration.ofSeconds(30),
                () -> Kubectl.run("get", "events", "-n", ns.namespace(), "--field-selector",
                        "involvedObject.name=" + NAME, "-o", "jsonpath={.items[*].message}").assertSuccess().stdout(),
                messages -> messages.contains("the scheduler retired " + retired));
        String out = compute();
        assertThat(line(out, "workers")).isEqualTo("1");
        assertThat(line(out, "hosts")).isEqualTo(one.get(0).getMetadata().getName());
    }

    @Test
    @Order(4)
    void runsTheContainersRestricted() {
        String worker = RealPods.readyWorkers(client, ns.namespace(), NAME).get(0).getMetadata().getName();
        String status = Kubectl.run("exec", "-n", ns.namespace(), worker, "--", "cat", "/proc/1/status")
                .assertSuccess().stdout();
        assertThat(status).as("PID 1 of the worker container")
                .containsPattern("Uid:\\s+1000\\s")
                .containsPattern("NoNewPrivs:\\s+1")
                .containsPattern("Seccomp:\\s+2")
                .containsPattern("CapEff:\\s+0000000000000000");
        // The TLS key: readable by the container's user through the pod's fsGroup, by nobody else.
        String key = Kubectl.run("exec", "-n", ns.namespace(), worker, "--", "sh", "-c",
                "stat -L -c '%a %u %g' /etc/tessera/tls/tls.key && head -c 27 /etc/tessera/tls/tls.key").assertSuccess()
                .stdout();
        assertThat(key).startsWith("440 0 1000\n").endsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    @Order(5)
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
    @Order(6)
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

    @Test
    @Order(7)
    void takesItsTlsSecretAlongWhenDeleted() {
        Kubectl.run("delete", "-n", ns.namespace(), "ac/" + NAME, "--wait=true").assertSuccess();
        RealPods.await("Secret " + NAME + "-tls garbage-collected", POD_TIMEOUT,
                () -> client.secrets().inNamespace(ns.namespace()).withName(NAME + "-tls").get() == null, gone -> gone);
    }

    /** SIGKILL to every process of the container but its init, which then exits: a crash, not a stop. */
    private void killAllProcesses(String pod) {
        Kubectl.run("exec", "-n", ns.namespace(), pod, "--", "sh", "-c", "kill -KILL -1");
    }

    private String compute() {
        return Python.run(Duration.ofMinutes(2), COMPUTE, RealPods.clientArgs(client, ns.namespace(), NAME));
    }

    private static String line(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + key + "' in:\n" + output));
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }
}

package io.tessera.e2e.realpods;

import static io.tessera.e2e.realpods.RealPods.POD_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tessera.e2e.support.ClusterNamespace;
import io.tessera.e2e.support.Kubectl;

/** A batch run on the real node: its inline script computes with Xarray on its own ephemeral cluster. */
@EnabledIfSystemProperty(named = "tessera.realPods", matches = "true",
        disabledReason = "needs the real node and the installed operator (./tessera test runs it)")
class ArrayJobRealPodIT {

    @RegisterExtension
    static final ClusterNamespace ns = new ClusterNamespace("real-aj");

    @Test
    void computesWithXarrayOnItsClusterAndDeletesTheClusterAfterSuccess() {
        RealPods.apply(ns.namespace(), """
                apiVersion: tessera.io/v1alpha1
                kind: ArrayJob
                metadata: {name: means}
                spec:
                  cluster:
                    worker:
                      replicas: 2
                      resources:
                        requests: {cpu: 50m, memory: 384Mi}
                        limits: {memory: 768Mi}
                  runner:
                    resources:
                      requests: {cpu: 50m, memory: 256Mi}
                      limits: {memory: 768Mi}
                    script:
                      inline: |
                        import socket
                        import dask.array as da
                        import xarray as xr
                        from dask.distributed import Client
                        client = Client()  # DASK_SCHEDULER_ADDRESS, set by the operator
                        client.wait_for_workers(2, timeout=120)  # Ready means the minimum, one worker
                        hosts = client.gather(client.map(lambda i: socket.gethostname(), range(16), pure=False))
                        t2m = xr.DataArray(da.arange(4 * 250_000, chunks=50_000).reshape(4, 250_000), dims=("time", "x"))
                        print("workers", len(client.scheduler_info()["workers"]), "hosts", len(set(hosts)))
                        print("address", client.scheduler.address)  # tls://, with the cluster's certificate
                        print("means", ",".join(repr(float(v)) for v in t2m.mean("x").compute().values))
                  provisioningDeadlineSeconds: 120
                  activeDeadlineSeconds: 300
                  backoffLimit: 0
                  cleanup:
                    onSuccess: Delete
                """);
        Kubectl.run("wait", "-n", ns.namespace(), "--for=jsonpath={.status.phase}=Succeeded",
                "--timeout=" + Duration.ofMinutes(3).toSeconds() + "s", "aj/means").assertSuccess();

        String job = Kubectl.run("get", "aj/means", "-n", ns.namespace(), "-o", "jsonpath={.status.jobName}")
                .assertSuccess().stdout();
        String log = Kubectl.run("logs", "-n", ns.namespace(), "job/" + job).assertSuccess().stdout();
        assertThat(log).contains("workers 2 hosts 2").contains("means 124999.5,374999.5,624999.5,874999.5")
                .contains("address tls://");

        String cluster = Kubectl.run("get", "aj/means", "-n", ns.namespace(), "-o", "jsonpath={.status.clusterName}")
                .assertSuccess().stdout();
        RealPods.await("the ephemeral cluster deleted after success", POD_TIMEOUT,
                () -> ns.client().pods().inNamespace(ns.namespace()).withLabel(RealPods.CLUSTER, cluster).list()
                        .getItems().stream().filter(p -> !"runner".equals(p.getMetadata().getLabels()
                                .get(RealPods.COMPONENT))).count(),
                n -> n == 0);
    }
}

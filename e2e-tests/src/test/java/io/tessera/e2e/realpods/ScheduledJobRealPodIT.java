package io.tessera.e2e.realpods;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.tessera.e2e.support.ClusterNamespace;
import io.tessera.e2e.support.Kubectl;
import io.tessera.e2e.support.Python;

/**
 * "My data keeps updating: can Zarr grow like this?" An every-minute ScheduledJob whose runs each
 * append one time step, computed on their own Dask cluster, to one Zarr store on a volume.
 */
@EnabledIfSystemProperty(named = "tessera.realPods", matches = "true",
        disabledReason = "needs the real node and the installed operator (./tessera test runs it)")
class ScheduledJobRealPodIT {

    @RegisterExtension
    static final ClusterNamespace ns = new ClusterNamespace("real-sj");

    private static Path store;

    @AfterAll
    static void deleteVolume() {
        Kubectl.run("delete", "pv", volumeName(), "--ignore-not-found", "--wait=false");
    }

    @Test
    void everyRunAppendsOneTimeStepToTheZarrStore() throws IOException {
        // A host directory as the PersistentVolume: the real node is this machine. The runner runs as
        // uid 1000, so the directory is writable by all.
        store = Files.createTempDirectory("tessera-zarr", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxrwxrwx"));
        RealPods.apply(ns.namespace(), """
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: %1$s}
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteOnce]
                  persistentVolumeReclaimPolicy: Retain
                  storageClassName: tessera-test-hostpath
                  hostPath: {path: %2$s, type: Directory}
                  claimRef: {namespace: %3$s, name: zarr}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: zarr}
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: tessera-test-hostpath
                  volumeName: %1$s
                  resources: {requests: {storage: 1Gi}}
                ---
                apiVersion: tessera.io/v1alpha1
                kind: ScheduledJob
                metadata: {name: grow}
                spec:
                  schedule: "* * * * *"
                  concurrencyPolicy: Forbid
                  jobTemplate:
                    spec:
                      cluster:
                        worker:
                          replicas: 1
                          resources:
                            requests: {cpu: 50m, memory: 384Mi}
                            limits: {memory: 768Mi}
                      runner:
                        resources:
                          requests: {cpu: 50m, memory: 256Mi}
                          limits: {memory: 768Mi}
                        template:
                          spec:
                            volumes: [{name: data, persistentVolumeClaim: {claimName: zarr}}]
                            containers: [{name: runner, volumeMounts: [{name: data, mountPath: /data}]}]
                        script:
                          inline: |
                            import os
                            import dask.array as da
                            import pandas as pd
                            import xarray as xr
                            from dask.distributed import Client
                            client = Client()
                            minutes = int(os.environ["TESSERA_RUN_NAME"].rsplit("-", 1)[1])
                            total = float(da.ones((1000, 1000), chunks=250).sum().compute())
                            step = xr.Dataset({"total": ("time", [total])},
                                              coords={"time": [pd.Timestamp(minutes * 60, unit="s")]})
                            store = "/data/series.zarr"
                            if os.path.exists(store):
                                step.to_zarr(store, append_dim="time")
                            else:
                                # Minutes as the unit: xarray would pick days for a single time stamp.
                                step.to_zarr(store, mode="w-", encoding={"time": {"units": "minutes since 1970-01-01", "dtype": "int64"}})
                            print("appended", minutes, total)
                      backoffLimit: 0
                      cleanup:
                        onSuccess: Delete
                """.formatted(volumeName(), store, ns.namespace()));

        List<String> succeeded = RealPods.await("two successful runs", Duration.ofMinutes(4), this::succeededRuns,
                runs -> runs.size() >= 2);
        Kubectl.run("patch", "sj/grow", "-n", ns.namespace(), "--type=merge", "-p", "{\"spec\":{\"suspend\":true}}")
                .assertSuccess();
        // A run that started before the suspension may still finish: read once nothing is active.
        RealPods.await("no active run", Duration.ofMinutes(2), () -> Kubectl.run("get", "sj/grow", "-n",
                ns.namespace(), "-o", "jsonpath={.status.activeCount}").stdout(), a -> a.isEmpty() || a.equals("0"));
        succeeded = succeededRuns();

        String out = Python.run(Duration.ofMinutes(1), """
                import sys
                import xarray as xr
                ds = xr.open_zarr(sys.argv[1])
                print("steps", ds.sizes["time"])
                print("minutes", ",".join(str(int(t) // 60_000_000_000) for t in ds.time.values.astype("int64")))
                print("totals", ",".join(repr(float(v)) for v in ds.total.values))
                """, store.resolve("series.zarr").toString());
        List<String> minutes = succeeded.stream().map(run -> run.substring(run.lastIndexOf('-') + 1)).sorted().toList();
        assertThat(out).contains("steps " + minutes.size())
                .contains("minutes " + String.join(",", minutes))
                .contains("totals " + String.join(",", minutes.stream().map(m -> "1000000.0").toList()));
    }

    @SuppressWarnings("unchecked")
    private List<String> succeededRuns() {
        GenericKubernetesResource sj = ns.client().genericKubernetesResources("tessera.io/v1alpha1", "ScheduledJob")
                .inNamespace(ns.namespace()).withName("grow").get();
        Map<String, Object> status = (Map<String, Object>) sj.getAdditionalProperties().getOrDefault("status", Map.of());
        List<Map<String, Object>> runs = (List<Map<String, Object>>) status.getOrDefault("recentRuns", List.of());
        return runs.stream().filter(r -> "Succeeded".equals(r.get("result"))).map(r -> (String) r.get("name")).toList();
    }

    private static String volumeName() {
        return ns.namespace() + "-zarr";
    }
}

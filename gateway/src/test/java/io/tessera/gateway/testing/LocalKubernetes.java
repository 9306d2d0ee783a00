package io.tessera.gateway.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;

/** The API server the Kubernetes tests run against, and where the tools they call are. */
public final class LocalKubernetes {

    private LocalKubernetes() {
    }

    /** Fails with a hint when no API server answers or the Tessera CRDs are not installed. */
    public static void requireReachable() {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            try {
                client.getKubernetesVersion();
            } catch (KubernetesClientException e) {
                throw new IllegalStateException("No Kubernetes API at " + client.getMasterUrl() + ": start the local "
                        + "cluster (e2e-tests/cluster/localcluster up --name NAME) and export its KUBECONFIG "
                        + "(eval \"$(e2e-tests/cluster/localcluster env --name NAME)\"); ./tessera test does both", e);
            }
            if (client.apiextensions().v1().customResourceDefinitions().withName("arrayclusters.tessera.io").get() == null) {
                throw new IllegalStateException("the Tessera CRDs are not installed at " + client.getMasterUrl()
                        + ": e2e-tests/cluster/localcluster install-crds");
            }
        }
    }

    /** kubectl: -Dtessera.kubectl, else the one on the PATH (localcluster env puts it there). */
    public static String kubectl() {
        return System.getProperty("tessera.kubectl", "kubectl");
    }

    /** A python with dask-gateway: -Dtessera.python (./tessera test passes e2e-tests/python/ensure-venv.sh's). */
    public static String python() {
        return System.getProperty("tessera.python", "python3");
    }

    /** The repository root (-Dtessera.repo.dir, else the gateway module's parent). */
    public static Path repo() {
        return Path.of(System.getProperty("tessera.repo.dir", "..")).toAbsolutePath().normalize();
    }
}

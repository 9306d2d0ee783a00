package io.tessera.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The cluster the tests run against: whatever KUBECONFIG points at (the local control plane that
 * {@code ./tessera test} starts, or any other cluster). Installs the committed CRDs and policies
 * so that a test always sees the API of this checkout.
 */
public final class TestCluster {

    private static final Path REPO = Path.of(System.getProperty("tessera.repo.dir", "..")).toAbsolutePath().normalize();
    private static final List<String> CRDS = List.of("arrayclusters.tessera.io", "arrayjobs.tessera.io",
            "scheduledjobs.tessera.io");

    private TestCluster() {
    }

    /** A client for the cluster, failing with a hint when no cluster answers. */
    public static KubernetesClient connect() {
        KubernetesClient client = new KubernetesClientBuilder().build();
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            client.close();
            throw new IllegalStateException("No Kubernetes API at " + client.getMasterUrl()
                    + ": start the local cluster with `e2e-tests/cluster/localcluster up` and export KUBECONFIG "
                    + "(`./tessera test` does both)", e);
        }
        return client;
    }

    /** Server-side applies crds/generated and crds/policies and waits until the CRDs are established. */
    public static void installApi(KubernetesClient client) {
        for (Path file : yamlFiles(REPO.resolve("crds/generated"), REPO.resolve("crds/policies"))) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata item : client.load(in).items()) {
                    client.resource(item).fieldManager("tessera-e2e").forceConflicts().serverSideApply();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String crd : CRDS) {
            client.apiextensions().v1().customResourceDefinitions().withName(crd).waitUntilCondition(
                    TestCluster::established, 60, TimeUnit.SECONDS);
        }
    }

    /** Creates a namespace with a random suffix, so that test classes never see each other's objects. */
    public static String createNamespace(KubernetesClient client, String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("tessera.io/test", prefix).endMetadata().build()).create();
        return name;
    }

    public static Path repoDir() {
        return REPO;
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<Path> yamlFiles(Path... dirs) {
        return Stream.of(dirs).flatMap(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                        .sorted().toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir, e);
            }
        }).toList();
    }
}

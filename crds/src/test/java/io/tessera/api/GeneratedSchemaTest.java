package io.tessera.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;

/** Properties of the generated schemas that the Java model alone cannot guarantee. */
class GeneratedSchemaTest {

    private static final Path GENERATED = Path.of(System.getProperty("tessera.crds.generated",
            "target/classes/META-INF/fabric8"));

    @Test
    void shouldEmbedTheSameWorkerSchemaInJobsAsInClusters() throws IOException {
        JSONSchemaProps clusterWorker = spec("arrayclusters").getProperties().get("worker");
        JSONSchemaProps jobWorker = spec("arrayjobs").getProperties().get("cluster").getProperties().get("worker");
        JSONSchemaProps scheduledWorker = spec("scheduledjobs").getProperties().get("jobTemplate").getProperties()
                .get("spec").getProperties().get("cluster").getProperties().get("worker");

        assertThat(jobWorker).as("EmbeddedWorkerSpec must mirror WorkerSpec").isEqualTo(clusterWorker);
        assertThat(scheduledWorker).isEqualTo(clusterWorker);
        assertThat(clusterWorker.getProperties()).containsKeys("replicas", "minReplicas", "maxReplicas", "resources",
                "threads", "daskResources", "template");
    }

    @Test
    void shouldMakeOnlyArrayClustersScalable() throws IOException {
        assertThat(crd("arrayclusters").getSpec().getVersions().get(0).getSubresources().getScale())
                .satisfies(scale -> {
                    assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.worker.replicas");
                    assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.replicas");
                    assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.selector");
                });
        assertThat(crd("arrayjobs").getSpec().getVersions().get(0).getSubresources().getScale()).isNull();
        assertThat(crd("scheduledjobs").getSpec().getVersions().get(0).getSubresources().getScale()).isNull();
    }

    @Test
    void shouldLimitArrayClusterNamesSoTheSniNameFitsADnsLabel() {
        assertThat(Constants.ARRAY_CLUSTER_NAME_MAX_LENGTH + "daskgateway-".length()).isEqualTo(63);
    }

    @Test
    void shouldReadTheDocumentedExampleIntoTheJavaModel() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("../docs/examples/arraycluster.yaml"))) {
            ArrayCluster cluster = Serialization.unmarshal(in, ArrayCluster.class);
            assertThat(cluster.getSpec().getWorker().getReplicas()).isEqualTo(2);
            assertThat(cluster.getSpec().getWorker().getMaxReplicas()).isEqualTo(8);
            assertThat(cluster.getSpec().getWorker().getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(cluster.getSpec().getIdle().getTimeout()).isEqualTo("30m");
        }
    }

    /** Kubernetes core types embedded as they are; their parent field points at `kubectl explain` for them. */
    private static final Set<String> CORE_TYPES = Set.of("resources", "env", "podFailurePolicy");

    @ParameterizedTest
    @ValueSource(strings = { "arrayclusters", "arrayjobs", "scheduledjobs" })
    void shouldDocumentEveryTesseraField(String plural) throws IOException {
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(crd(plural).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema(), "",
                undocumented);
        assertThat(undocumented).as("fields without a description in %s", plural).isEmpty();
    }

    private static void collectUndocumented(JSONSchemaProps schema, String path, List<String> undocumented) {
        schema.getProperties().forEach((name, property) -> {
            String child = path + "." + name;
            if (property.getDescription() == null || property.getDescription().isBlank()) {
                undocumented.add(child);
            }
            if (!CORE_TYPES.contains(name) && !"metadata".equals(name)) {
                collectUndocumented(property, child, undocumented);
                if (property.getItems() != null && property.getItems().getSchema() != null) {
                    collectUndocumented(property.getItems().getSchema(), child + "[]", undocumented);
                }
            }
        });
    }

    private static JSONSchemaProps spec(String plural) throws IOException {
        return crd(plural).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    private static CustomResourceDefinition crd(String plural) throws IOException {
        try (InputStream in = Files.newInputStream(GENERATED.resolve(plural + ".tessera.io-v1.yml"))) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
    }
}

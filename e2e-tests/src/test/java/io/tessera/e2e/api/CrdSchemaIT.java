package io.tessera.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tessera.e2e.support.Fixtures;
import io.tessera.e2e.support.Fixtures.Fixture;
import io.tessera.e2e.support.ClusterNamespace;

/**
 * The CRD schemas on a real API server: valid fixtures are accepted, and every invalid fixture is
 * rejected with a message that names the problem (OpenAPI validation and CEL rules).
 */
class CrdSchemaIT {

    @RegisterExtension
    static final ClusterNamespace CLUSTER = new ClusterNamespace("crd-schema");

    static Stream<Fixture> validFixtures() {
        return Fixtures.load("/crd-fixtures/valid");
    }

    static Stream<Fixture> invalidFixtures() {
        return Fixtures.load("/crd-fixtures/invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void shouldAcceptValidObject(Fixture fixture) {
        GenericKubernetesResource created = CLUSTER.client().resource(fixture.object()).inNamespace(CLUSTER.namespace()).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void shouldRejectInvalidObjectNamingTheProblem(Fixture fixture) {
        assertThat(fixture.expectedMessages()).as("fixture states the expected message").isNotEmpty();
        assertThatThrownBy(() -> CLUSTER.client().resource(fixture.object()).inNamespace(CLUSTER.namespace()).dryRun().create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(fixture.expectedMessages());
                });
    }

    @Test
    void shouldHaveAtLeastTwentyFiveInvalidFixtures() {
        assertThat(invalidFixtures().count()).isGreaterThanOrEqualTo(25);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldApplySchemaDefaults() {
        GenericKubernetesResource cluster = CLUSTER.client().resource(Fixtures.load("/crd-fixtures/valid")
                .filter(f -> f.name().equals("ac-minimal")).findFirst().orElseThrow().object())
                .inNamespace(CLUSTER.namespace()).dryRun().create();
        Map<String, Object> spec = (Map<String, Object>) cluster.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("suspend", false);

        GenericKubernetesResource job = CLUSTER.client().resource(Fixtures.load("/crd-fixtures/valid")
                .filter(f -> f.name().equals("sj-macro")).findFirst().orElseThrow().object())
                .inNamespace(CLUSTER.namespace()).dryRun().create();
        Map<String, Object> sjSpec = (Map<String, Object>) job.getAdditionalProperties().get("spec");
        assertThat(sjSpec).containsEntry("concurrencyPolicy", "Allow").containsEntry("successfulJobsHistoryLimit", 3)
                .containsEntry("failedJobsHistoryLimit", 1).containsEntry("missedRunPolicy", "RunLatest")
                .containsEntry("suspend", false);
        Map<String, Object> jobSpec = (Map<String, Object>) ((Map<String, Object>) sjSpec.get("jobTemplate")).get("spec");
        assertThat(jobSpec).containsEntry("provisioningDeadlineSeconds", 600).containsEntry("backoffLimit", 0);
    }
}

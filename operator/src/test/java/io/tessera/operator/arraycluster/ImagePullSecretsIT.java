package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tessera.api.Constants;
import io.tessera.operator.PullSecretsProfile;
import io.tessera.api.v1alpha1.arraycluster.status.ArrayClusterConditions;

/**
 * tessera.operator.image-pull-secrets on the API server: a Secret in the operator's namespace (here
 * the lease namespace, as out of cluster) is copied into an ArrayCluster's namespace and named by
 * its scheduler and worker pods; a change of the source reaches the copy; a Secret of the same name
 * that Tessera did not make is left alone with a Warning; a missing source is a Warning, and the
 * cluster still runs.
 */
@QuarkusTest
@TestProfile(PullSecretsProfile.class)
class ImagePullSecretsIT extends OperatorIT {

    static final String OPERATOR_NAMESPACE = PullSecretsProfile.OPERATOR_NAMESPACE;
    static final String MIRROR = PullSecretsProfile.MIRROR;
    static final String ABSENT = PullSecretsProfile.ABSENT;
    static final String DOCKER_CONFIG = "kubernetes.io/dockerconfigjson";
    static final String CONDITION = ArrayClusterConditions.IMAGE_PULL_SECRETS_READY;

    @Override
    String namespacePrefix() {
        return "pull-secrets";
    }

    @Test
    void shouldCopyTheSecretNameItInThePodsAndFollowItsSource() {
        writeSource("{\"auths\":{\"mirror.internal\":{\"auth\":\"first\"}}}");

        NetworkPolicyIT.create(client, namespace, "pulling");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(copy()).isNotNull());
        Secret copy = copy();
        assertThat(copy.getType()).isEqualTo(DOCKER_CONFIG);
        assertThat(decoded(copy)).contains("first");
        assertThat(copy.getMetadata().getLabels()).containsEntry(Constants.LABEL_MANAGED_BY, Constants.MANAGED_BY);
        assertThat(copy.getMetadata().getAnnotations())
                .containsEntry("tessera.io/copied-from", OPERATOR_NAMESPACE + "/" + MIRROR);
        await().atMost(TIMEOUT).until(() -> pods().size() >= 2);
        assertThat(pods()).as("scheduler and worker").allSatisfy(pod -> assertThat(pod.getSpec().getImagePullSecrets())
                .extracting(LocalObjectReference::getName).containsExactly(MIRROR, ABSENT));

        writeSource("{\"auths\":{\"mirror.internal\":{\"auth\":\"rotated\"}}}");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(decoded(copy())).contains("rotated"));
        // The copy of registry-mirror is current; never-created is reported, and the cluster runs regardless.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("pulling", CONDITION)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("SourceMissing");
            assertThat(c.getMessage()).contains(OPERATOR_NAMESPACE + "/" + ABSENT).doesNotContain("/" + MIRROR + " ");
        }));
        assertThat(events("pulling", "ImagePullSecretMissing")).anySatisfy(e -> assertThat(e.getMessage())
                .contains(OPERATOR_NAMESPACE + "/" + ABSENT));
        assertThat(client.secrets().inNamespace(namespace).withName(ABSENT).get()).isNull();
    }

    @Test
    void shouldLeaveAForeignSecretOfTheSameNameAlone() {
        writeSource("{\"auths\":{\"mirror.internal\":{\"auth\":\"ours\"}}}");
        Secret foreign = client.resource(new SecretBuilder().withNewMetadata().withName(MIRROR).withNamespace(namespace)
                .addToLabels("team", "ocean").endMetadata().withType(DOCKER_CONFIG)
                .withData(Map.of(".dockerconfigjson", encode("{\"auths\":{\"team.example.org\":{\"auth\":\"theirs\"}}}")))
                .build()).create();

        NetworkPolicyIT.create(client, namespace, "pulling");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("pulling", CONDITION)).isPresent());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("pulling", "ImagePullSecretConflict"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains(MIRROR, "not made by Tessera");
                }));
        assertThat(condition("pulling", CONDITION)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("NameConflict");
        });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Secret now = copy();
            assertThat(now.getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
            assertThat(decoded(now)).contains("theirs");
        });
        await().atMost(TIMEOUT).until(() -> !workers().isEmpty());
    }

    private void writeSource(String dockerConfig) {
        PullSecretsProfile.writeSource(client, dockerConfig);
    }

    private Secret copy() {
        return client.secrets().inNamespace(namespace).withName(MIRROR).get();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(namespace).withLabel(Constants.LABEL_CLUSTER, "pulling").list().getItems();
    }

    private static String decoded(Secret secret) {
        return new String(Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

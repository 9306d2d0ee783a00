package io.tessera.operator.arraycluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** The copy of an image pull secret, and how the operator tells its own copies from other Secrets. */
class PullSecretCopyTest {

    private static final Secret SOURCE = new SecretBuilder().withNewMetadata().withName("registry-mirror")
            .withNamespace("tessera-system").withResourceVersion("7").withUid("uid-source")
            .withLabels(Map.of("team", "platform")).endMetadata()
            .withType("kubernetes.io/dockerconfigjson").withImmutable(true)
            .withData(Map.of(".dockerconfigjson", "e30=")).build();

    @Test
    void shouldCopyTypeAndDataWithTesserasLabelsOnly() {
        Secret copy = PullSecretKeeper.copy(SOURCE, "tessera-ocean");

        assertThat(copy.getMetadata().getName()).isEqualTo("registry-mirror");
        assertThat(copy.getMetadata().getNamespace()).isEqualTo("tessera-ocean");
        assertThat(copy.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(copy.getData()).isEqualTo(Map.of(".dockerconfigjson", "e30="));
        assertThat(copy.getMetadata().getLabels()).containsOnly(
                Map.entry("app.kubernetes.io/managed-by", "tessera"),
                Map.entry("app.kubernetes.io/component", "image-pull-secret"));
        assertThat(copy.getMetadata().getAnnotations()).containsOnly(
                Map.entry("tessera.io/copied-from", "tessera-system/registry-mirror"));
        assertThat(copy.getMetadata().getResourceVersion()).isNull();
        assertThat(copy.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(copy.getImmutable()).as("the copy must follow its source").isNull();
    }

    @Test
    void shouldRecogniseOnlyItsOwnCopyOfThisSource() {
        Secret copy = PullSecretKeeper.copy(SOURCE, "tessera-ocean");
        Secret foreign = new SecretBuilder(copy).editMetadata().withLabels(Map.of()).withAnnotations(Map.of())
                .endMetadata().build();
        Secret labelledOnly = new SecretBuilder(copy).editMetadata().withAnnotations(Map.of()).endMetadata().build();

        assertThat(PullSecretKeeper.managedCopy(copy, "tessera-system/registry-mirror")).isTrue();
        assertThat(PullSecretKeeper.managedCopy(copy, "other-namespace/registry-mirror")).isFalse();
        assertThat(PullSecretKeeper.managedCopy(foreign, "tessera-system/registry-mirror")).isFalse();
        assertThat(PullSecretKeeper.managedCopy(labelledOnly, "tessera-system/registry-mirror")).isFalse();
    }
}

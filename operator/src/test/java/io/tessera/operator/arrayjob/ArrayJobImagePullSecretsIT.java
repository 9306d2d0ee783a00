package io.tessera.operator.arrayjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tessera.operator.BatchIT;
import io.tessera.operator.PullSecretsProfile;

/**
 * An ArrayJob's runner pods name the operator's image pull secrets after its template's, and the
 * run's own cluster has put the copy into the namespace before the runner exists.
 */
@QuarkusTest
@TestProfile(PullSecretsProfile.class)
class ArrayJobImagePullSecretsIT extends BatchIT {

    @Override
    protected String testNamespacePrefix() {
        return "arrayjob-pull";
    }

    @Test
    void shouldNameThePullSecretsInTheRunnerPods() {
        PullSecretsProfile.writeSource(client, "{\"auths\":{}}");

        createArrayJob("pulled", jobSpec().editRunner().withTemplate(new PodTemplateSpecBuilder().withNewSpec()
                .addNewImagePullSecret("team-registry").endSpec().build()).endRunner().build());

        await().atMost(TIMEOUT).until(() -> !runnerPods("pulled").isEmpty());
        assertThat(runnerPods("pulled")).allSatisfy(pod -> assertThat(pod.getSpec().getImagePullSecrets())
                .extracting(LocalObjectReference::getName)
                .containsExactly("team-registry", PullSecretsProfile.MIRROR, PullSecretsProfile.ABSENT));
        assertThat(client.secrets().inNamespace(namespace).withName(PullSecretsProfile.MIRROR).get())
                .as("the copy, made for the run's cluster").isNotNull();
    }
}

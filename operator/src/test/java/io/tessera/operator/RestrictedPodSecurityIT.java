package io.tessera.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterBuilder;
import io.tessera.api.v1alpha1.arraycluster.ArrayClusterStatus;
import io.tessera.api.v1alpha1.arrayjob.status.ArrayJobPhase;
import io.tessera.api.v1alpha1.common.Condition;
import io.tessera.operator.common.Conditions;

/**
 * The operator's pods under the "restricted" Pod Security Standard, judged by the real API
 * server: the test namespace enforces it (PodSecurity admission rejects a violating pod at
 * create time, and the Job controller cannot create a violating runner pod), and an
 * ArrayCluster and an ArrayJob, each with a template that adds a sidecar and an init container
 * with no security context, still get all their pods. A cluster whose template asks for
 * privilege escalation is rejected, which shows the namespace really enforces.
 */
@QuarkusTest
class RestrictedPodSecurityIT extends BatchIT {

    @Override
    protected String testNamespacePrefix() {
        return "podsec";
    }

    /** Runs after the base class made the namespace (JUnit runs a superclass's @BeforeEach first). */
    @BeforeEach
    void enforceRestricted() {
        client.namespaces().withName(namespace).edit(ns -> {
            ns.getMetadata().getLabels().putAll(Map.of("pod-security.kubernetes.io/enforce", "restricted",
                    "pod-security.kubernetes.io/enforce-version", "latest"));
            return ns;
        });
    }

    @Test
    void shouldGetEveryPodOfAClusterAdmitted() {
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("secure").withNamespace(namespace)
                .endMetadata().withNewSpec()
                .withNewWorker().withReplicas(2).withTemplate(withSidecarAndInitContainer()).endWorker()
                .endSpec().build()).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition("secure", "Ready")).as("Ready (InvalidPodTemplate: a pod was rejected)")
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).as(c.getReason() + ": " + c.getMessage())
                            .isEqualTo("True"));
            assertThat(pods("scheduler")).hasSize(1);
            assertThat(pods("worker")).hasSize(2);
        });
        assertThat(events("secure", "InvalidPodTemplate")).isEmpty();
        assertThat(pods("worker")).allSatisfy(pod -> assertThat(allContainers(pod)).extracting(Container::getName)
                .containsExactlyInAnyOrder("worker", "log-shipper", "fetch-data"));
    }

    @Test
    void shouldGetTheRunnerPodAdmittedAndRunToSucceeded() {
        createArrayJob("nightly", jobSpec().editRunner().withCommand((List<String>) null).withNewScript()
                .withInline("print('restricted')").endScript().withTemplate(withSidecarAndInitContainer())
                .endRunner().build());

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(runPhase("nightly")).as("phase; runner pods: %s", runnerPods("nightly").size())
                    .isEqualTo(ArrayJobPhase.Succeeded);
        });
        assertThat(runnerPods("nightly")).as("the Job controller created the runner pod").isNotEmpty();
    }

    @Test
    void shouldHaveTheTemplatesOwnViolationRejected() {
        PodTemplateSpec escalating = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("worker")
                .withNewSecurityContext().withAllowPrivilegeEscalation(true).endSecurityContext().endContainer()
                .endSpec().build();
        client.resource(new ArrayClusterBuilder().withNewMetadata().withName("escalating").withNamespace(namespace)
                .endMetadata().withNewSpec().withNewWorker().withReplicas(1).withTemplate(escalating).endWorker()
                .endSpec().build()).create();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("escalating", "Ready"))
                .hasValueSatisfying(c -> {
                    assertThat(c.getReason()).isEqualTo("InvalidPodTemplate");
                    assertThat(c.getMessage()).contains("violates PodSecurity", "allowPrivilegeEscalation");
                }));
        assertThat(pods("worker")).isEmpty();
    }

    /** A sidecar and an init container that set no security context: the operator must fill theirs too. */
    private static PodTemplateSpec withSidecarAndInitContainer() {
        return new PodTemplateSpecBuilder().withNewSpec()
                .withContainers(new ContainerBuilder().withName("log-shipper").withImage("registry.example.org/shipper:1")
                        .build())
                .withInitContainers(new ContainerBuilder().withName("fetch-data").withImage("registry.example.org/fetch:1")
                        .build())
                .endSpec().build();
    }

    private List<Pod> pods(String component) {
        return client.pods().inNamespace(namespace).withLabel(Constants.LABEL_COMPONENT, component).list().getItems();
    }

    private Optional<Condition> condition(String cluster, String type) {
        return Optional.ofNullable(client.resources(ArrayCluster.class).inNamespace(namespace).withName(cluster).get())
                .map(ArrayCluster::getStatus).map(ArrayClusterStatus::getConditions)
                .flatMap(conditions -> Conditions.find(conditions, type));
    }

    private static List<Container> allContainers(Pod pod) {
        return Stream.concat(pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream()).toList();
    }
}

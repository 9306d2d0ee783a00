package io.tessera.gateway.kube;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.testing.KubernetesProfile;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One labelled namespace per group on the local API server; foreign namespaces are never adopted. */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
// The admin API needs platform-admin since identity landed.
@TestSecurity(user = "root", roles = "platform-admin")
class GroupNamespacesIT {

    @Inject
    KubernetesClient kube;

    @Inject
    GroupNamespaces namespaces;

    @Inject
    NamespaceStartup startup;

    @Inject
    GroupRepository groups;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, String> labels(String namespace) {
        Namespace found = kube.namespaces().withName(namespace).get();
        assertThat(found).as("namespace " + namespace).isNotNull();
        return found.getMetadata().getLabels();
    }

    @Test
    void shouldCreateAndLabelTheNamespaceWhenTheAdminCreatesAGroup() {
        String group = unique("ns");
        given().contentType(ContentType.JSON).body("{\"name\": \"" + group + "\"}").post("/api/admin/v1/groups")
                .then().statusCode(201).body("namespace", equalTo("tessera-" + group));
        assertThat(labels("tessera-" + group)).containsEntry("tessera.io/group", group)
                .containsEntry("app.kubernetes.io/managed-by", "tessera-gateway")
                // tessera.gateway.kubernetes.namespace-pod-security=restricted in the test profile
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted");
        // idempotent: ensuring again changes nothing and does not fail
        namespaces.ensure(group, "tessera-" + group);
        assertThat(namespaces.problem(group, "tessera-" + group)).isEmpty();
    }

    @Test
    void shouldRefuseAForeignNamespaceAndNotCreateTheGroup() {
        String group = unique("foreign");
        String namespace = unique("someone-else");
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        given().contentType(ContentType.JSON).body("{\"name\": \"" + group + "\", \"namespace\": \"" + namespace + "\"}")
                .post("/api/admin/v1/groups").then().statusCode(409)
                .body("error", containsString("namespace " + namespace + " already exists and is not a Tessera group namespace"));
        given().get("/api/admin/v1/groups/" + group).then().statusCode(404);
        assertThat(kube.namespaces().withName(namespace).get().getMetadata().getLabels()).doesNotContainKey("tessera.io/group");
    }

    @Test
    void shouldAdoptANamespaceLabelledForTheGroupByAnotherManager() {
        String group = unique("bootstrapped");
        // What the chart's namespace bootstrap leaves after Helm set its own manager label.
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tessera-" + group)
                .addToLabels("tessera.io/group", group).addToLabels("app.kubernetes.io/managed-by", "Helm")
                .endMetadata().build()).create();
        given().contentType(ContentType.JSON).body("{\"name\": \"" + group + "\"}").post("/api/admin/v1/groups")
                .then().statusCode(201).body("namespace", equalTo("tessera-" + group));
        assertThat(labels("tessera-" + group)).containsEntry("app.kubernetes.io/managed-by", "Helm");
    }

    @Test
    void shouldRefuseAnotherGroupsNamespace() {
        String owner = unique("owner");
        given().contentType(ContentType.JSON).body("{\"name\": \"" + owner + "\"}").post("/api/admin/v1/groups")
                .then().statusCode(201);
        assertThat(namespaces.problem(unique("thief"), "tessera-" + owner))
                .hasValueSatisfying(p -> assertThat(p).contains("belongs to group " + owner));
    }

    @Test
    void shouldCreateMissingNamespacesAtStartupAndReportForeignOnesWithoutFailing() {
        String missing = unique("late");
        String blocked = unique("blocked");
        String foreign = unique("taken");
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(foreign).endMetadata().build())
                .create();
        // groups that exist in the database without their namespace (made while Kubernetes was away)
        QuarkusTransaction.requiringNew().run(() -> {
            groups.persist(group(missing, "tessera-" + missing));
            groups.persist(group(blocked, foreign));
        });
        assertThat(kube.namespaces().withName("tessera-" + missing).get()).isNull();
        startup.onStart(null);
        assertThat(labels("tessera-" + missing)).containsEntry("tessera.io/group", missing);
        assertThat(labels(foreign)).doesNotContainKeys("tessera.io/group", "app.kubernetes.io/managed-by");
        assertThat(namespaces.problem(blocked, foreign)).isPresent();
    }

    private static GroupEntity group(String name, String namespace) {
        GroupEntity group = new GroupEntity();
        group.name = name;
        group.namespace = namespace;
        return group;
    }
}

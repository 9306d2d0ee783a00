package io.tessera.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class SchemaIT {

    @Inject
    EntityManager em;

    @Test
    void shouldMigrateAnEmptyDatabaseAndMatchTheEntities() {
        // Startup already ran Flyway on the fresh server and Hibernate validated the mapping.
        List<String> history = em.createNativeQuery("SELECT version FROM flyway_schema_history WHERE success", String.class).getResultList();
        assertThat(history).contains("1", "3", "6");
        List<String> tables = em.createNativeQuery("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'", String.class).getResultList();
        assertThat(tables).containsExactlyInAnyOrder("app_user", "tenant_group", "membership", "group_quota",
                "user_cap", "group_budget", "api_token", "cluster", "usage_interval",
                // V3 (cluster options of the dask-gateway API)
                "group_cluster_options", "cluster_options",
                // V4, admission webhook and queue
                "group_service_owner", "recorded_owner");
    }

    @Test
    void shouldRefuseNegativeQuotasAndClearTextTokensInTheDatabaseItself() {
        assertThatThrownBy(() -> sql("INSERT INTO tenant_group (name, namespace) VALUES ('neg', 'tessera-neg')",
                "INSERT INTO group_quota (group_id, cores_millis) SELECT id, -1 FROM tenant_group WHERE name = 'neg'"))
                .hasStackTraceContaining("group_quota_cores_millis_check");
        // A token column that could hold the secret itself (not a 32-byte SHA-256) is refused.
        assertThatThrownBy(() -> sql("INSERT INTO app_user (username) VALUES ('tok')",
                "INSERT INTO api_token (user_id, prefix, token_sha256)"
                        + " SELECT id, 'tsr_abcdefgh', 'secret'::bytea FROM app_user WHERE username = 'tok'"))
                .hasStackTraceContaining("api_token_token_sha256_check");
    }

    @Test
    void shouldRefuseInconsistentClusterOptionBoundsInTheDatabaseItself() {
        String insert = "INSERT INTO group_cluster_options (group_id, worker_cores_millis_min, worker_cores_millis_max,"
                + " worker_cores_millis_default, worker_memory_bytes_min, worker_memory_bytes_max, worker_memory_bytes_default,"
                + " worker_gpus_min, worker_gpus_max, worker_gpus_default, images, default_image, idle_timeout_seconds_min,"
                + " idle_timeout_seconds_max, idle_timeout_seconds_default, max_workers, scheduler_cores_millis,"
                + " scheduler_memory_bytes) SELECT id, 1000, 2000, %d, 1, 2, 1, 0, 0, 0, ARRAY['a'], '%s', 0, 1, 0, 10, 1, 1"
                + " FROM tenant_group WHERE name = 'opts'";
        sql("INSERT INTO tenant_group (name, namespace) VALUES ('opts', 'tessera-opts')");
        assertThatThrownBy(() -> sql(insert.formatted(3000, "a"))).hasStackTraceContaining("group_cluster_options_check");
        assertThatThrownBy(() -> sql(insert.formatted(1000, "b"))).hasStackTraceContaining("group_cluster_options_check");
        sql(insert.formatted(1000, "a"));
        // V6: rows written without the column (as before V6) allow the environment option
        assertThat(em.createNativeQuery("SELECT o.allow_environment FROM group_cluster_options o"
                + " JOIN tenant_group g ON g.id = o.group_id WHERE g.name = 'opts'", Boolean.class).getSingleResult()).isEqualTo(true);
    }

    private void sql(String... statements) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String statement : statements) {
                em.createNativeQuery(statement).executeUpdate();
            }
        });
    }
}

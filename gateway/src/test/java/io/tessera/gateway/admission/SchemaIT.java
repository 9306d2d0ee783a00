package io.tessera.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.gateway.testing.PostgresResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SchemaIT {

    @Inject
    EntityManager em;

    @Test
    void shouldMigrateAnEmptyDatabaseAndMatchTheEntities() {
        // Startup already ran Flyway on the fresh server and Hibernate validated the mapping.
        List<String> history = em.createNativeQuery("SELECT version FROM flyway_schema_history WHERE success", String.class).getResultList();
        assertThat(history).contains("1");
        List<String> tables = em.createNativeQuery("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'", String.class).getResultList();
        assertThat(tables).containsExactlyInAnyOrder("app_user", "tenant_group", "membership", "group_quota",
                "user_cap", "group_budget", "api_token", "cluster", "usage_interval",
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

    private void sql(String... statements) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String statement : statements) {
                em.createNativeQuery(statement).executeUpdate();
            }
        });
    }
}

package io.tessera.gateway.admission;

import static io.tessera.gateway.testing.Tenants.GI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.quota.Budget;
import io.tessera.gateway.quota.Decision;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.rest.ApiException;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import io.tessera.gateway.testing.Tenants;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class AdmissionIT {

    private static final Resources FOUR_CORES = new Resources(4_000, 8 * GI, 0, 2);

    @Inject
    AdmissionService admission;

    @Inject
    GroupService groups;

    @Inject
    Tenants tenants;

    @Inject
    EntityManager em;

    @Test
    void shouldReserveUntilTheQuotaIsFullThenRejectNamingTheHeadroom() {
        String group = tenants.group("full", new Limits(10_000L, 64 * GI, 0L, 5L, 4L), "alice");
        assertThat(admission.create(new CreateCluster(group, "alice", "a1", FOUR_CORES))).isEqualTo(Decision.ADMIT);
        assertThat(admission.create(new CreateCluster(group, "alice", "a2", FOUR_CORES))).isEqualTo(Decision.ADMIT);
        assertThat(admission.create(new CreateCluster(group, "alice", "a3", FOUR_CORES)))
                .isEqualTo(new Decision.Reject("group " + group + ": cores 4 requested, 2 of 10 left"));
        GroupUsage usage = admission.usage(group);
        assertThat(usage.reserved()).isEqualTo(FOUR_CORES.plus(FOUR_CORES));
        assertThat(usage.clusters()).isEqualTo(2);
        assertThat(usage.headroom()).isEqualTo(new Limits(2_000L, 48 * GI, 0L, 3L, 4L));
    }

    @Test
    void shouldApplyAMembersCapOnTopOfTheGroupQuota() {
        String group = tenants.group("cap", Tenants.cores(100), "alice", "bob");
        groups.setCap(group, "alice", new Limits(6_000L, null, null, 1L, null));
        assertThat(admission.create(new CreateCluster(group, "alice", "a1", FOUR_CORES)).admitted()).isTrue();
        assertThat(admission.create(new CreateCluster(group, "alice", "a2", FOUR_CORES)))
                .isEqualTo(new Decision.Reject("user alice in group " + group + ": clusters 1 requested, 0 of 1 left"));
        assertThat(admission.scale(namespace(group), "a1", new Resources(8_000, 8 * GI, 0, 4)))
                .isEqualTo(new Decision.Reject("user alice in group " + group + ": cores 4 requested, 2 of 6 left"));
        assertThat(admission.create(new CreateCluster(group, "bob", "b1", FOUR_CORES)).admitted())
                .as("bob is not capped").isTrue();
    }

    @Test
    void shouldRejectNonMembersAndUnknownGroups() {
        String group = tenants.group("members", Tenants.cores(100), "alice");
        assertThat(admission.create(new CreateCluster(group, "mallory", "m1", FOUR_CORES)))
                .isEqualTo(new Decision.Reject("user mallory is not a member of group " + group));
        assertThatThrownBy(() -> admission.create(new CreateCluster("no-such-group", "alice", "a1", FOUR_CORES)))
                .isInstanceOf(ApiException.class).hasMessage("group no-such-group not found");
    }

    @Test
    void shouldReleaseOnDeleteSoThatTheQuotaCanBeUsedAgain() {
        String group = tenants.group("release", Tenants.cores(4), "alice");
        assertThat(admission.create(new CreateCluster(group, "alice", "first", FOUR_CORES)).admitted()).isTrue();
        assertThat(admission.create(new CreateCluster(group, "alice", "second", FOUR_CORES)).admitted()).isFalse();
        assertThat(admission.release(namespace(group), "first")).isTrue();
        assertThat(admission.release(namespace(group), "first")).as("a second delete is a no-op").isFalse();
        assertThat(admission.create(new CreateCluster(group, "alice", "second", FOUR_CORES)).admitted()).isTrue();
        assertThat(admission.create(new CreateCluster(group, "alice", "first", Resources.ZERO)).admitted())
                .as("a deleted name can be reused").isTrue();
    }

    @Test
    void shouldNotReserveTwiceWhenACreateIsRetried() {
        String group = tenants.group("retry", Tenants.cores(8), "alice");
        CreateCluster request = new CreateCluster(group, "alice", "same", FOUR_CORES);
        for (int i = 0; i < 3; i++) {
            assertThat(admission.create(request)).isEqualTo(Decision.ADMIT);
        }
        assertThat(admission.usage(group).reserved()).isEqualTo(FOUR_CORES);
        assertThatThrownBy(() -> admission.create(new CreateCluster(group, "alice", "same", Resources.ZERO)))
                .isInstanceOf(ApiException.class).hasMessageContaining("already exists");
    }

    @Test
    void shouldCheckScaleUpAndAlwaysAdmitScaleDown() {
        String group = tenants.group("scale", Tenants.cores(10), "alice");
        assertThat(admission.create(new CreateCluster(group, "alice", "c", FOUR_CORES)).admitted()).isTrue();
        assertThat(admission.scale(namespace(group), "c", new Resources(10_000, 0, 0, 5)).admitted()).isTrue();
        assertThat(admission.scale(namespace(group), "c", new Resources(10_001, 0, 0, 5)))
                .isEqualTo(new Decision.Reject("group " + group + ": cores 0.001 requested, 0 of 10 left"));
        groups.setQuota(group, Tenants.cores(1));
        assertThat(admission.scale(namespace(group), "c", new Resources(6_000, 0, 0, 3)).admitted())
                .as("scale-down while over a lowered quota").isTrue();
        assertThat(admission.usage(group).reserved()).isEqualTo(new Resources(6_000, 0, 0, 3));
        assertThatThrownBy(() -> admission.scale(namespace(group), "nope", Resources.ZERO))
                .isInstanceOf(ApiException.class).hasMessageContaining("not found");
    }

    @Test
    void shouldStopGrowthOnceTheMonthlyCoreHourBudgetIsUsed() {
        String group = tenants.group("budget", Tenants.cores(100), "alice");
        groups.setBudget(group, new Budget(new BigDecimal("10"), null));
        assertThat(admission.create(new CreateCluster(group, "alice", "c", FOUR_CORES)).admitted()).isTrue();
        // Metering (next step) records intervals; here 600 cores for the month's first minute = 10 core-hours,
        // plus an interval of last month that must not count.
        Instant month = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        recordUsage(group, "c", month, month.plus(1, ChronoUnit.MINUTES), 600_000);
        recordUsage(group, "c", month.minus(2, ChronoUnit.HOURS), month, 600_000);
        assertThat(admission.usage(group).usedThisMonth().coreHours()).isEqualByComparingTo("10");
        assertThat(admission.create(new CreateCluster(group, "alice", "d", FOUR_CORES)))
                .isEqualTo(new Decision.Reject("group " + group
                        + ": monthly core-hours budget used up, 10.0 of 10.0 used this month"));
        assertThat(admission.scale(namespace(group), "c", Resources.ZERO).admitted()).as("shrinking").isTrue();
    }

    private void recordUsage(String group, String cluster, Instant start, Instant end, long millicores) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        INSERT INTO usage_interval (cluster_id, user_id, group_id, pod, started_at, ended_at,
                                                    cores_millis, memory_bytes, gpus)
                        SELECT id, owner_id, group_id, ?6, ?1, ?2, ?3, 0, 0 FROM cluster
                        WHERE namespace = ?4 AND name = ?5 AND state = 'ACTIVE'""")
                .setParameter(1, OffsetDateTime.ofInstant(start, ZoneOffset.UTC))
                .setParameter(2, OffsetDateTime.ofInstant(end, ZoneOffset.UTC))
                .setParameter(3, millicores).setParameter(4, namespace(group)).setParameter(5, cluster)
                .setParameter(6, "worker-" + start.getEpochSecond())
                .executeUpdate());
    }

    private static String namespace(String group) {
        return "tessera-" + group;
    }
}

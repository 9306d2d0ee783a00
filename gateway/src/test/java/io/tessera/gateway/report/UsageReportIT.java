package io.tessera.gateway.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.CreateCluster;
import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.metrics.GroupMetrics;
import io.tessera.gateway.quota.Budget;
import io.tessera.gateway.quota.Limits;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.testing.KeycloakResource;
import io.tessera.gateway.testing.PostgresResource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage reports over HTTP against a real PostgreSQL: exact numbers for a past month (intervals
 * crossing its start), open intervals up to now, JSON and CSV, who may read what, bad input, and
 * the per-group metrics on /q/metrics.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL)
class UsageReportIT {

    private static final long GI = 1L << 30;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String MARCH = "2025-03";
    /** Fixed names, because @TestSecurity takes constants: an admin of every report group, and a plain member. */
    private static final String GROUP_ADMIN = "report-group-admin";
    private static final String MEMBER = "report-member";

    @Inject
    GroupService groups;

    @Inject
    AdmissionService admission;

    @Inject
    DataSource dataSource;

    @Inject
    GroupMetrics metrics;

    private String group;
    private String idle;
    private String alice;
    private String bob;
    private Instant bobOpenSince;

    /**
     * A group whose March 2025 holds: alice 2 cores x 3 h, plus 1 core from Feb 28 23:00 to Mar 1
     * 01:00 (1 h in March) = 7 core-hours, 8 GiB x 3 h = 24 GiB-hours, 1 GPU x 3 h = 3 GPU-hours;
     * bob 0.5 core x 1.5 h = 0.75 core-hours, 1 GiB x 1.5 h. Plus bob's open interval since 2 h
     * ago (4 cores) for the current month.
     */
    @BeforeEach
    void seed() throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String suffix = ProcessHandle.current().pid() % 1000 + "-" + n;
        group = "report-" + suffix;
        idle = "idle-" + suffix;
        alice = "alice-" + suffix;
        bob = "bob-" + suffix;
        groups.create(group, null);
        groups.create(idle, null);
        groups.setQuota(group, new Limits(40_000L, 100 * GI, 4L, null, null));
        groups.setBudget(group, new Budget(new BigDecimal("1000"), new BigDecimal("50")));
        groups.addMember(group, alice, false);
        groups.addMember(group, bob, false);
        groups.addMember(group, GROUP_ADMIN, true);
        groups.addMember(group, MEMBER, false);
        assertThat(admission.create(new CreateCluster(group, alice, "a", new Resources(10_000, 20 * GI, 1, 4)))
                .admitted()).isTrue();
        assertThat(admission.create(new CreateCluster(group, bob, "b", new Resources(4_000, 8 * GI, 0, 2)))
                .admitted()).isTrue();
        insert("a", "2025-03-10T08:00:00Z", "2025-03-10T11:00:00Z", 2_000, 8 * GI, 1);
        insert("a", "2025-02-28T23:00:00Z", "2025-03-01T01:00:00Z", 1_000, 0, 0);
        insert("b", "2025-03-20T12:00:00Z", "2025-03-20T13:30:00Z", 500, GI, 0);
        bobOpenSince = Instant.now().minus(2, ChronoUnit.HOURS);
        insert("b", bobOpenSince.toString(), null, 4_000, 0, 0);
    }

    private void insert(String cluster, String start, String end, long millicores, long memory, long gpus)
            throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO usage_interval (cluster_id, user_id, group_id, pod, pod_uid, started_at, ended_at,
                                            end_source, last_seen_at, cores_millis, memory_bytes, gpus)
                SELECT c.id, c.owner_id, c.group_id, ?, ?, ?, ?, CASE WHEN CAST(? AS TIMESTAMPTZ) IS NULL THEN NULL ELSE 'POD' END, ?, ?, ?, ?
                FROM cluster c JOIN tenant_group g ON g.id = c.group_id
                WHERE g.name = ? AND c.name = ? AND c.state = 'ACTIVE'""")) {
            OffsetDateTime from = OffsetDateTime.parse(start);
            OffsetDateTime to = end == null ? null : OffsetDateTime.parse(end);
            insert.setString(1, cluster + "-worker");
            insert.setString(2, UUID.randomUUID().toString());
            insert.setObject(3, from);
            insert.setObject(4, to);
            insert.setObject(5, to);
            insert.setObject(6, to == null ? OffsetDateTime.now(ZoneOffset.UTC) : to);
            insert.setLong(7, millicores);
            insert.setLong(8, memory);
            insert.setLong(9, gpus);
            insert.setString(10, group);
            insert.setString(11, cluster);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    @TestSecurity(user = "root", roles = "platform-admin")
    void shouldReportAGroupsMonthPerUserExactlyAsJson() {
        JsonPath report = given().queryParam("month", MARCH).get("/api/admin/v1/reports/usage/groups/" + group)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(report.getString("group")).isEqualTo(group);
        assertThat(report.getString("month")).isEqualTo(MARCH);
        assertThat(report.getString("from")).isEqualTo("2025-03-01T00:00:00Z");
        assertThat(report.getString("to")).isEqualTo("2025-04-01T00:00:00Z");
        assertThat(report.getDouble("used.coreHours")).isEqualTo(7.75);
        assertThat(report.getDouble("used.memoryGibHours")).isEqualTo(25.5);
        assertThat(report.getDouble("used.gpuHours")).isEqualTo(3.0);
        assertThat(report.getDouble("budget.coreHoursPerMonth")).isEqualTo(1000.0);
        assertThat(report.getList("users.user")).containsExactly(alice, bob);
        assertThat(report.getDouble("users[0].coreHours")).isEqualTo(7.0);
        assertThat(report.getDouble("users[0].memoryGibHours")).isEqualTo(24.0);
        assertThat(report.getDouble("users[0].gpuHours")).isEqualTo(3.0);
        assertThat(report.getDouble("users[1].coreHours")).isEqualTo(0.75);
        assertThat(report.getDouble("users[1].memoryGibHours")).isEqualTo(1.5);
    }

    @Test
    @TestSecurity(user = "root", roles = "platform-admin")
    void shouldAnswerCsvForTheFormatParameterAndForTheAcceptHeader() {
        String expected = "month,group,user,core_hours,memory_gib_hours,gpu_hours\r\n"
                + MARCH + "," + group + "," + alice + ",7.000,24.000,3.000\r\n"
                + MARCH + "," + group + "," + bob + ",0.750,1.500,0.000\r\n";
        String byParameter = given().queryParam("month", MARCH).queryParam("format", "csv")
                .get("/api/admin/v1/reports/usage/groups/" + group)
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"usage-" + group + "-" + MARCH + ".csv\"")
                .extract().asString();
        assertThat(byParameter).isEqualTo(expected);
        String byAccept = given().accept("text/csv").queryParam("month", MARCH)
                .get("/api/admin/v1/reports/usage/groups/" + group).then().statusCode(200).extract().asString();
        assertThat(byAccept).isEqualTo(expected);
    }

    @Test
    @TestSecurity(user = "root", roles = "platform-admin")
    void shouldListEveryGroupWithBudgetAndUseInThePlatformReport() {
        JsonPath report = given().queryParam("month", MARCH).get("/api/admin/v1/reports/usage")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getDouble("groups.find { it.group == '" + group + "' }.coreHours")).isEqualTo(7.75);
        assertThat(report.getDouble("groups.find { it.group == '" + group + "' }.coreHoursBudget")).isEqualTo(1000.0);
        assertThat(report.getDouble("groups.find { it.group == '" + group + "' }.gpuHoursBudget")).isEqualTo(50.0);
        assertThat(report.getDouble("groups.find { it.group == '" + idle + "' }.coreHours")).isEqualTo(0.0);
        assertThat(report.<Object>get("groups.find { it.group == '" + idle + "' }.coreHoursBudget")).isNull();

        List<String> csv = Arrays.asList(given().queryParam("month", MARCH).queryParam("format", "csv")
                .get("/api/admin/v1/reports/usage").then().statusCode(200).extract().asString().split("\r\n"));
        assertThat(csv.get(0)).isEqualTo("month,group,core_hours,memory_gib_hours,gpu_hours,core_hours_budget,"
                + "gpu_hours_budget");
        assertThat(csv).contains(MARCH + "," + group + ",7.750,25.500,3.000,1000.000,50.000",
                MARCH + "," + idle + ",0.000,0.000,0.000,,");
    }

    @Test
    @TestSecurity(user = "root", roles = "platform-admin")
    void shouldCountOpenIntervalsUpToNowInTheCurrentMonth() {
        // bob's open 4-core interval started 2 h ago: 8 core-hours now (a little more by the time of
        // the call), or what of it falls into this month in the first two hours of a month.
        Instant monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant counted = bobOpenSince.isAfter(monthStart) ? bobOpenSince : monthStart;
        double expected = 4 * Duration.between(counted, Instant.now()).toMillis() / 3_600_000.0;
        double coreHours = given().get("/api/admin/v1/reports/usage/users/" + bob)
                .then().statusCode(200).extract().jsonPath().getDouble("used.coreHours");
        assertThat(coreHours).isBetween(expected - 0.001, expected + 0.1); // reports round to 3 decimals
    }

    @Test
    @TestSecurity(user = "root", roles = "platform-admin")
    void shouldReportAUsersMonthPerGroup() {
        JsonPath report = given().queryParam("month", MARCH).get("/api/admin/v1/reports/usage/users/" + alice)
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("groups.group")).containsExactly(group);
        assertThat(report.getDouble("used.coreHours")).isEqualTo(7.0);
        assertThat(given().queryParam("month", MARCH).queryParam("format", "csv")
                .get("/api/admin/v1/reports/usage/users/" + alice).then().statusCode(200).extract().asString())
                .isEqualTo("month,user,group,core_hours,memory_gib_hours,gpu_hours\r\n"
                        + MARCH + "," + alice + "," + group + ",7.000,24.000,3.000\r\n");
    }

    @Test
    @TestSecurity(user = "root", roles = "platform-admin")
    void shouldAnswerBadInputWithA4xxAndAnErrorBody() {
        for (String month : List.of("2025-13", "March", "2025-3", "1999-01", "2025-03-01", "%00", "9".repeat(500))) {
            given().queryParam("month", month).get("/api/admin/v1/reports/usage").then().statusCode(400)
                    .contentType("application/json").body("error", startsWith("month must be YYYY-MM"));
        }
        given().queryParam("format", "xml").get("/api/admin/v1/reports/usage").then().statusCode(400)
                .body("error", equalTo("format must be csv or json, got xml"));
        given().get("/api/admin/v1/reports/usage/groups/no-such-group").then().statusCode(404)
                .body("error", equalTo("group no-such-group not found"));
        given().get("/api/admin/v1/reports/usage/users/nobody-at-all").then().statusCode(404)
                .body("error", equalTo("user nobody-at-all not found"));
        given().accept("image/png").get("/api/admin/v1/reports/usage").then().statusCode(406);
    }

    @Test
    void shouldRequireAuthentication() {
        given().get("/api/admin/v1/reports/usage").then().statusCode(401);
        given().get("/api/admin/v1/reports/usage/groups/" + group).then().statusCode(401);
        given().get("/api/admin/v1/reports/usage/users/" + alice).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = GROUP_ADMIN)
    void shouldLetAGroupAdminReadTheGroupsReportButNotTheOthers() {
        given().queryParam("month", MARCH).get("/api/admin/v1/reports/usage/groups/" + group).then().statusCode(200)
                .body("users.user", org.hamcrest.Matchers.hasItems(alice, bob));
        given().get("/api/admin/v1/reports/usage/groups/" + idle).then().statusCode(403);
        given().get("/api/admin/v1/reports/usage").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = MEMBER)
    void shouldLetAMemberReadOnlyTheirOwnReport() {
        given().get("/api/admin/v1/reports/usage/users/" + MEMBER).then().statusCode(200)
                .body("user", equalTo(MEMBER));
        given().get("/api/admin/v1/reports/usage/users/" + alice).then().statusCode(403)
                .body("error", equalTo("only platform admins and " + alice + " may read this usage report"));
        given().get("/api/admin/v1/reports/usage/groups/" + group).then().statusCode(403)
                .body("error", equalTo("only platform admins and admins of group " + group
                        + " may read its usage report"));
        given().get("/api/admin/v1/reports/usage").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "root", roles = "platform-admin")
    void shouldPublishQuotaUtilisationAndMeteredCoreSecondsPerGroup() {
        given().queryParam("month", MARCH).get("/api/admin/v1/reports/usage/groups/" + group).then().statusCode(200);
        metrics.refresh();
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String tags = "group=\"" + group + "\"";
        // Reserved: 10 + 4 cores of 40 = 0.35; 28 GiB of 100 GiB; 1 GPU of 4.
        assertThat(line(body, "tessera_gateway_quota_utilisation{", tags, "resource=\"cores\"")).endsWith(" 0.35");
        assertThat(line(body, "tessera_gateway_quota_utilisation{", tags, "resource=\"gpus\"")).endsWith(" 0.25");
        assertThat(line(body, "tessera_gateway_quota_utilisation{", tags, "resource=\"memory_bytes\"")).endsWith(" 0.28");
        assertThat(line(body, "tessera_gateway_quota_reserved{", tags, "resource=\"cores\"")).endsWith(" 14.0");
        assertThat(line(body, "tessera_gateway_quota_limit{", tags, "resource=\"cores\"")).endsWith(" 40.0");
        // Closed intervals: 2 x 3 h + 1 x 2 h + 0.5 x 1.5 h = 8.75 core-hours = 31500 s; plus ~2 h x 4 cores open.
        double metered = Double.parseDouble(line(body, "tessera_gateway_metered_core_seconds_total{", tags).split(" ")[1]);
        assertThat(metered).isBetween(31_500.0 + 28_800.0, 31_500.0 + 28_800.0 + 600.0);
        // Request latency histogram with URI templates, never raw paths or user names.
        assertThat(body).contains("http_server_requests_seconds_bucket{");
        assertThat(body).doesNotContain(alice).doesNotContain(bob);
    }

    private static String line(String body, String... parts) {
        return body.lines().filter(l -> Arrays.stream(parts).allMatch(l::contains)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric line with " + List.of(parts)));
    }
}

package io.tessera.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ReportRulesTest {

    private static final ClusterCredentials CREDENTIALS = new ClusterCredentials(
            "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n",
            "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n");

    private final AtomicInteger reads = new AtomicInteger();

    private Supplier<Optional<ClusterCredentials>> secret(Optional<ClusterCredentials> found) {
        return () -> {
            reads.incrementAndGet();
            return found;
        };
    }

    private ClusterReport report(ClusterState state, boolean owner, boolean dashboard, Optional<ClusterCredentials> found) {
        return ReportRules.report("physics-0123456789", state, 1L, null, Map.of(), owner, dashboard, secret(found));
    }

    @Test
    void shouldGiveTheOwnerOfARunningClusterItsCredentialsAndDashboardRoute() {
        ClusterReport report = report(ClusterState.RUNNING, true, true, Optional.of(CREDENTIALS));
        assertThat(report.tlsCert()).isEqualTo(CREDENTIALS.certificate());
        assertThat(report.tlsKey()).isEqualTo(CREDENTIALS.key());
        assertThat(report.dashboardRoute()).isEqualTo("/clusters/physics-0123456789/status");
    }

    @ParameterizedTest
    @EnumSource(value = ClusterState.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void shouldGiveNothingAndReadNoSecretUnlessRunning(ClusterState state) {
        ClusterReport report = report(state, true, true, Optional.of(CREDENTIALS));
        assertThat(report.tlsCert()).isNull();
        assertThat(report.tlsKey()).isNull();
        assertThat(report.dashboardRoute()).isNull();
        assertThat(reads).hasValue(0);
    }

    @Test
    void shouldNeverGiveCredentialsToAnyoneButTheOwner() {
        ClusterReport report = report(ClusterState.RUNNING, false, true, Optional.of(CREDENTIALS));
        assertThat(report.tlsCert()).isNull();
        assertThat(report.tlsKey()).isNull();
        assertThat(report.dashboardRoute()).isEqualTo("/clusters/physics-0123456789/status");
        assertThat(reads).hasValue(0);
    }

    @Test
    void shouldReportNoRouteWhenTheDashboardIsOff() {
        ClusterReport report = report(ClusterState.RUNNING, true, false, Optional.of(CREDENTIALS));
        assertThat(report.dashboardRoute()).isNull();
        assertThat(report.tlsKey()).isEqualTo(CREDENTIALS.key());
    }

    @Test
    void shouldReportNullsWhenTheSecretIsMissing() {
        ClusterReport report = report(ClusterState.RUNNING, true, true, Optional.empty());
        assertThat(report.tlsCert()).isNull();
        assertThat(report.tlsKey()).isNull();
        assertThat(report.dashboardRoute()).isEqualTo("/clusters/physics-0123456789/status");
    }

    @Test
    void shouldKeepTheKeyOutOfToString() {
        ClusterReport report = report(ClusterState.RUNNING, true, true, Optional.of(CREDENTIALS));
        assertThat(report.toString()).doesNotContain("PRIVATE KEY").doesNotContain("CERTIFICATE").contains("redacted");
        assertThat(CREDENTIALS.toString()).doesNotContain("PRIVATE KEY");
    }
}

package io.tessera.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.gateway.identity.ApiPaths;
import io.vertx.core.MultiMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DashboardPathTest {

    @Test
    void shouldFindTheClusterOfADashboardPath() {
        assertThat(DashboardPath.clusterName("/clusters/physics-0123456789/status")).contains("physics-0123456789");
        assertThat(DashboardPath.clusterName("/clusters/physics-0123456789/status/ws")).contains("physics-0123456789");
        assertThat(DashboardPath.clusterName("/clusters/physics-0123456789")).contains("physics-0123456789");
        assertThat(DashboardPath.clusterName("/clusters/a/statics/images/dask-logo.svg")).contains("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/clusters/", "/clusters", "/api/v1/clusters/x", "/clusters/UPPER/status",
        "/clusters/-x/status", "/clusters/a/../b/status", "/clusters/../b", "/clusters/a/./status",
        "/clusters/a//status", "/clusters/a%2Fb/status", "/clusters/a/%2e%2e/b/status", "/clusters/a\\b",
        "/clusters/a%5cb", "/clusters/a.b/status", "/clusters/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/status"})
    void shouldRefuseEverythingThatIsNotPlainlyOneClustersPath(String path) {
        assertThat(DashboardPath.clusterName(path)).isEmpty();
    }

    @Test
    void shouldBuildTheSchedulerOriginFromTheTemplate() {
        assertThat(SchedulerOrigin.of("http://{name}-scheduler.{namespace}.svc:8787", "g-0123456789", "tessera-g"))
                .isEqualTo(new SchedulerOrigin("g-0123456789-scheduler.tessera-g.svc", 8787));
        assertThat(SchedulerOrigin.of("http://127.0.0.1:4321", "a", "b")).isEqualTo(new SchedulerOrigin("127.0.0.1", 4321));
        assertThat(SchedulerOrigin.of("http://{name}.example", "a", "b")).isEqualTo(new SchedulerOrigin("a.example", 80));
        for (String bad : new String[] {"https://x:1", "http://x:1/prefix", "x:1", "http://u@x:1", "http://x:1?q"}) {
            assertThatThrownBy(() -> SchedulerOrigin.of(bad, "a", "b")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldKeepCredentialsAndHopByHopHeadersFromTheScheduler() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "token tsr_secret").add("Proxy-Authorization", "Basic x")
                .add("Cookie", "q_session_web=abc; theme=dark; csrf-token=t; q_auth_web=s")
                .add("Connection", "keep-alive, X-Private").add("X-Private", "1").add("X-Forwarded-For", "10.0.0.1")
                .add("Accept", "text/html");
        ForwardedHeaders.sanitise(headers, false, "csrf-token", "127.0.0.1", "https", "tessera.example.org");
        assertThat(headers.contains("Authorization")).isFalse();
        assertThat(headers.contains("Proxy-Authorization")).isFalse();
        assertThat(headers.contains("X-Private")).isFalse();
        assertThat(headers.getAll("Cookie")).containsExactly("theme=dark");
        assertThat(headers.get("X-Forwarded-For")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(headers.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(headers.get("X-Forwarded-Host")).isEqualTo("tessera.example.org");
        assertThat(headers.get("Accept")).isEqualTo("text/html");

        MultiMap upgrade = MultiMap.caseInsensitiveMultiMap().add("Connection", "Upgrade").add("Upgrade", "websocket")
                .add("Cookie", "q_session_web=abc").add("Authorization", "Bearer eyJ");
        ForwardedHeaders.sanitise(upgrade, true, "csrf-token", "127.0.0.1", "http", null);
        assertThat(upgrade.get("Upgrade")).isEqualTo("websocket");
        assertThat(upgrade.contains("Cookie")).isFalse();
        assertThat(upgrade.contains("Authorization")).isFalse();
        assertThat(upgrade.contains("X-Forwarded-Host")).isFalse();

        MultiMap response = MultiMap.caseInsensitiveMultiMap().add("Set-Cookie", "q_session_web=evil; Path=/")
                .add("Connection", "X-Hop").add("X-Hop", "1").add("Keep-Alive", "timeout=5").add("Content-Type", "text/html");
        ForwardedHeaders.sanitiseResponse(response);
        assertThat(response.names()).containsExactly("Content-Type");
    }

    @Test
    void shouldChallengeScriptsWith401AndSendBrowsersToTheLogin() {
        assertThat(ApiPaths.challengesWith401("/api/v1/clusters/", null, "text/html")).isTrue();
        assertThat(ApiPaths.challengesWith401("/clusters/a/status", null, "application/json")).isTrue();
        assertThat(ApiPaths.challengesWith401("/clusters/a/status", null, null)).isTrue();
        assertThat(ApiPaths.challengesWith401("/clusters/a/status", "Bearer x", "text/html")).isTrue();
        assertThat(ApiPaths.challengesWith401("/clusters/a/status", null, "text/html,application/xhtml+xml")).isFalse();
        assertThat(ApiPaths.challengesWith401("/tokens", null, "application/json")).isFalse();
    }
}

package io.tessera.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.tessera.operator.arraycluster.desired.PodSecurity;

/**
 * tessera.operator.pod-security as the chart and docs spell it (lower case, TESSERA_OPERATOR_POD_SECURITY):
 * the default, both values, and a clear start-up error for anything else.
 */
class PodSecuritySettingTest {

    @Test
    void shouldDefaultToRestricted() {
        assertThat(config(Map.of()).podSecurity()).isEqualTo(PodSecurity.RESTRICTED);
    }

    @Test
    void shouldReadTheDocumentedValues() {
        assertThat(config(Map.of("tessera.operator.pod-security", "restricted")).podSecurity())
                .isEqualTo(PodSecurity.RESTRICTED);
        assertThat(config(Map.of("tessera.operator.pod-security", "none")).podSecurity()).isEqualTo(PodSecurity.NONE);
    }

    @Test
    void shouldRefuseAnUnknownValueNamingTheAllowedOnes() {
        assertThatThrownBy(() -> config(Map.of("tessera.operator.pod-security", "baseline")))
                .hasStackTraceContaining("tessera.operator.pod-security").hasStackTraceContaining("baseline")
                .hasStackTraceContaining("restricted").hasStackTraceContaining("none");
    }

    private static OperatorConfig config(Map<String, String> properties) {
        // Quarkus's own converter for durations like "60s" (scheduler-timeout), as in the running operator.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(OperatorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(OperatorConfig.class);
    }
}

package io.tessera.gateway.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CondaRefusalTest {

    @Test
    void shouldRefuseCondaPackagesNamingThemAndPointingAtPipWhenCondaIsOff() {
        assertThat(CondaRefusal.of(List.of("xarray=2025.1"), List.of(), false, "environment.conda"))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("environment.conda: conda packages [xarray=2025.1] cannot be installed")
                        .contains("no conda tool").contains("under pip"));
    }

    @Test
    void shouldRefuseChannelsAloneToo() {
        assertThat(CondaRefusal.of(null, List.of("conda-forge"), false, "spec.environment"))
                .hasValueSatisfying(message -> assertThat(message).contains("conda channels [conda-forge]"));
    }

    @Test
    void shouldAllowPipOnlyEnvironmentsAndCondaWhereEnabled() {
        assertThat(CondaRefusal.of(List.of(), List.of(), false, "environment")).isEmpty();
        assertThat(CondaRefusal.of(null, null, false, "environment")).isEmpty();
        assertThat(CondaRefusal.of(List.of("zarr"), List.of("conda-forge"), true, "environment")).isEmpty();
    }
}

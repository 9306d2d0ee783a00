package io.tessera.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void shouldDoExactArithmeticAndRefuseOverflow() {
        Resources a = new Resources(1_500, 1L << 30, 1, 3);
        assertThat(a.plus(a).minus(a)).isEqualTo(a);
        assertThat(Resources.ZERO.minus(a).isNoIncrease()).isTrue();
        assertThat(Resources.ZERO.minus(a).isNonNegative()).isFalse();
        assertThatThrownBy(() -> new Resources(Long.MAX_VALUE, 0, 0, 0).plus(new Resources(1, 0, 0, 0)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldConvertCoresToMillicoresExactlyOrRefuse() {
        assertThat(Resources.millicoresOf(new BigDecimal("0.5"))).isEqualTo(500);
        assertThat(Resources.millicoresOf(new BigDecimal("64"))).isEqualTo(64_000);
        assertThatThrownBy(() -> Resources.millicoresOf(new BigDecimal("0.0005")))
                .hasMessageContaining("multiple of 0.001");
        assertThatThrownBy(() -> Resources.millicoresOf(new BigDecimal("1e30")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPrintAmountsTheWayKubernetesDoes() {
        assertThat(Amounts.cores(12_000)).isEqualTo("12");
        assertThat(Amounts.cores(250)).isEqualTo("0.25");
        assertThat(Amounts.memory(8L << 30)).isEqualTo("8Gi");
        assertThat(Amounts.memory(1536L << 20)).isEqualTo("1536Mi");
        assertThat(Amounts.memory(1000)).isEqualTo("1000");
        assertThat(Amounts.memory(0)).isEqualTo("0");
    }

    @Test
    void shouldLeaveHeadroomNeverNegativeAndNullWhenUnlimited() {
        Limits limits = new Limits(10_000L, null, 2L, 3L, 8L);
        assertThat(limits.headroom(new Resources(12_000, 5, 1, 4), 1))
                .isEqualTo(new Limits(0L, null, 1L, 2L, 8L));
    }
}

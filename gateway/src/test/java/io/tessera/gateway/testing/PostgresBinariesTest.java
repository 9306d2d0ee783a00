package io.tessera.gateway.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresBinariesTest {

    @Test
    void shouldSayWhatToInstallWhenTheServerBinariesAreMissing() {
        assertThatThrownBy(() -> PostgresBinaries.find("no-such-pg_config", Path.of("/no/such/postgresql")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL server binaries (initdb, pg_ctl) not found")
                .hasMessageContaining("apt-get install -y postgresql");
    }
}

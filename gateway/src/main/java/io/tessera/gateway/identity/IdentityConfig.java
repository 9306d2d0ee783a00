package io.tessera.gateway.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Identity settings ({@code tessera.identity.*}); Keycloak's address is under {@code tessera.keycloak.*}. */
@ConfigMapping(prefix = "tessera.identity")
public interface IdentityConfig {

    /** Keycloak realm role that makes a user a platform admin (role {@link Roles#PLATFORM_ADMIN}). */
    @WithDefault("tessera-admin")
    String adminRole();

    /** How long a user's groups read at login stay fresh before the next request reads them again. */
    @WithDefault("PT5M")
    Duration loginSyncInterval();

    /** The periodic whole-realm sync; read by the scheduler through config expressions. */
    Sync sync();

    interface Sync {
        /** Period, e.g. {@code 10m}; {@code off} disables it. */
        @WithDefault("10m")
        String every();

        /** Delay after start-up before the first run. */
        @WithDefault("30s")
        String delay();
    }
}

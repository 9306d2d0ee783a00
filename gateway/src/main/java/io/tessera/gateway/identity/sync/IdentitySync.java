package io.tessera.gateway.identity.sync;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.tessera.gateway.identity.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps users, groups and memberships in PostgreSQL in line with Keycloak: for one user at login
 * (first request, then at most every {@code tessera.identity.login-sync-interval}), and for the
 * whole realm periodically ({@code tessera.identity.sync.every}, "off" to disable). Keycloak calls
 * run outside database transactions; each account is written in its own.
 */
@ApplicationScoped
public class IdentitySync {

    /** What a full sync did, for logs and tests. */
    public record Report(int users, int skipped, int deactivated) {
    }

    private final Map<String, Instant> lastLogin = new ConcurrentHashMap<>();
    private final Map<String, Object> loginLocks = new ConcurrentHashMap<>();

    @Inject
    KeycloakDirectory directory;

    @Inject
    IdentityStore store;

    @Inject
    IdentityConfig config;

    @Inject
    Clock clock;

    /** Whether this user's groups were read recently enough that a request needs no sync. */
    public boolean fresh(String username) {
        Instant last = lastLogin.get(username);
        return last != null && last.plus(config.loginSyncInterval()).isAfter(clock.instant());
    }

    /**
     * Syncs the user behind a verified Keycloak token and says whether they may go on (false:
     * disabled or deleted in Keycloak, or deactivated here). If the admin API cannot be reached,
     * the user is recorded from the token's claims so that the request can go on. Its own request
     * context: logins on Vert.x routes (the dashboard proxy) have none, and the admin client needs one.
     */
    @ActivateRequestContext
    public boolean onLogin(String subject, String username, boolean platformAdmin) {
        if (fresh(username)) {
            return true;
        }
        Instant now = clock.instant();
        // One sync per user at a time: concurrent first requests must not both insert the user.
        synchronized (loginLocks.computeIfAbsent(username, k -> new Object())) {
            if (fresh(username)) {
                return true;
            }
            boolean active;
            try {
                KeycloakAccount account = directory.account(subject);
                active = store.apply(account, now) && account.enabled();
            } catch (RuntimeException e) {
                if (e instanceof WebApplicationException web && web.getResponse() != null
                        && web.getResponse().getStatus() == 404) {
                    // Deleted in Keycloak while the token is still valid.
                    store.deactivate(subject);
                    active = false;
                } else {
                    Log.warnf("identity sync: Keycloak admin API unavailable for %s (%s); using the token's claims",
                            username, e.toString());
                    active = store.applyClaims(subject, username, platformAdmin, now);
                }
            }
            if (active) {
                lastLogin.put(username, now);
            }
            return active;
        }
    }

    /** Reads the whole realm and applies it; users that vanished are deactivated. */
    public Report syncAll() {
        long started = System.nanoTime();
        List<KeycloakAccount> accounts = directory.accounts();
        Instant now = clock.instant();
        int skipped = 0;
        for (KeycloakAccount account : accounts) {
            if (!store.apply(account, now)) {
                skipped++;
            }
        }
        Set<String> present = accounts.stream().map(KeycloakAccount::id).collect(Collectors.toSet());
        List<String> deactivated = store.deactivateMissing(present);
        // Their next request re-reads Keycloak (and is refused), even with a still-valid token.
        deactivated.forEach(lastLogin::remove);
        accounts.stream().filter(a -> !a.enabled()).forEach(a -> lastLogin.remove(a.username()));
        Report report = new Report(accounts.size() - skipped, skipped, deactivated.size());
        Log.infof("identity sync: %d users synced, %d skipped, %d deactivated in %d ms", report.users(), report.skipped(),
                report.deactivated(), (System.nanoTime() - started) / 1_000_000);
        return report;
    }

    @Scheduled(identity = "keycloak-sync", every = "${tessera.identity.sync.every}", delayed = "${tessera.identity.sync.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        try {
            syncAll();
        } catch (RuntimeException e) {
            // The next run retries; logins keep working from tokens meanwhile.
            Log.errorf(e, "identity sync: periodic Keycloak sync failed");
        }
    }
}

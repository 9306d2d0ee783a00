package io.tessera.operator.arraycluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.arraycluster.desired.ClusterNames;
import io.tessera.operator.arraycluster.tls.ClusterCertificateIssuer;
import io.tessera.operator.arraycluster.tls.CredentialsCheck;
import io.tessera.operator.arraycluster.tls.TlsSecretFactory;
import io.tessera.operator.common.EventRecorder;

/**
 * Makes sure the Secret {@code <cluster>-tls} with the cluster's TLS credentials exists before any
 * pod of the cluster is created: the pods mount it, and every comm of the cluster needs it.
 *
 * <p>A missing Secret is issued ({@link ClusterCertificateIssuer}) and created, once: an existing
 * one that is this cluster's and parses is never re-generated (the running pods and the gateway's
 * users hold its certificate; there is no rotation). A Secret of that name that is not this
 * cluster's (no controller owner reference with its UID) is never changed, and one of ours that
 * does not parse is not repaired (RBAC gives get and create only): both are reported in the
 * condition {@code TLSSecretReady} and a Warning event, and the cluster's pods wait.
 *
 * <p>The Secret is not watched (that would need list/watch on every Secret of the cluster): a
 * Secret found good is trusted for {@link #RECHECK} per cluster UID, so that a pass (there is one
 * per pod event) does not GET it every time; a problem is looked at again after {@link #RETRY}.
 * Neither the credentials nor an exception carrying them are ever logged or put into events.
 */
@ApplicationScoped
public class TlsSecretKeeper {

    public static final String CREATED = "TLSSecretCreated";
    public static final String CONFLICT = "TLSSecretConflict";
    public static final String INVALID = "TLSSecretInvalid";
    public static final String FAILED = "TLSSecretFailed";
    /** Reasons of the condition {@code TLSSecretReady}. */
    static final String READY = "SecretReady";
    static final String NAME_CONFLICT = "NameConflict";
    static final String NOT_USABLE = "SecretInvalid";
    static final String CREATE_FAILED = "CreateFailed";
    static final Duration RECHECK = Duration.ofMinutes(5);
    static final Duration RETRY = Duration.ofSeconds(10);

    @Inject
    KubernetesClient client;
    @Inject
    EventRecorder events;
    @Inject
    Clock clock;

    /** When each cluster's Secret (by cluster UID) was last found good. */
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    /**
     * What the condition {@code TLSSecretReady} reports; {@code eventReason} names the Warning to
     * record when the condition changes.
     */
    public record Report(boolean ready, String reason, String message, String eventReason) {
    }

    /**
     * @param recheck where to add when to look again after a problem
     * @return ready when the Secret exists, is this cluster's and parses
     */
    public Report ensure(ArrayCluster cluster, List<Duration> recheck) {
        String uid = cluster.getMetadata().getUid();
        Instant now = clock.instant();
        forgetOld(now);
        Instant last = verified.get(uid);
        if (last != null && last.plus(RECHECK).isAfter(now)) {
            return ready(cluster);
        }
        Report report;
        try {
            report = check(cluster, now);
        } catch (KubernetesClientException e) {
            // The API server's message names the request and the reason, never the Secret's data.
            report = new Report(false, CREATE_FAILED, "could not read or create Secret "
                    + secretName(cluster) + ": " + e.getMessage(), FAILED);
        }
        if (report.ready()) {
            verified.put(uid, now);
        } else {
            verified.remove(uid);
            recheck.add(RETRY);
        }
        return report;
    }

    private Report check(ArrayCluster cluster, Instant now) {
        String namespace = cluster.getMetadata().getNamespace();
        Secret current = client.secrets().inNamespace(namespace).withName(secretName(cluster)).get();
        if (current == null) {
            try {
                client.resource(TlsSecretFactory.desired(cluster, ClusterCertificateIssuer.issue(
                        cluster.getMetadata().getName(), now))).create();
                events.normal(cluster, CREATED, "created Secret " + secretName(cluster)
                        + " with the cluster's TLS certificate (valid " + ClusterCertificateIssuer.VALIDITY.toDays()
                        + " days)");
                Log.infof("%s: created TLS Secret %s", ClusterKeys.of(cluster), secretName(cluster));
                return ready(cluster);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Someone (an earlier pass whose create the informer-less GET did not see yet) was first.
                current = client.secrets().inNamespace(namespace).withName(secretName(cluster)).get();
                if (current == null) {
                    throw e;
                }
            }
        }
        return judge(cluster, current);
    }

    private Report judge(ArrayCluster cluster, Secret secret) {
        String name = secretName(cluster);
        if (!TlsSecretFactory.ownedBy(secret, cluster)) {
            String whose = TlsSecretFactory.ownedByEarlierCluster(secret, cluster)
                    ? "belongs to an earlier ArrayCluster of this name and is being garbage-collected"
                    : "was not made by Tessera for this cluster (no controller owner reference to it); it is left "
                            + "alone: delete or rename it";
            return new Report(false, NAME_CONFLICT, "Secret " + name + " " + whose
                    + "; the cluster's pods are created once the operator can make its own", CONFLICT);
        }
        Optional<String> problem = CredentialsCheck.problem(secret.getData());
        if (problem.isPresent()) {
            return new Report(false, NOT_USABLE, "Secret " + name + " does not hold usable TLS credentials ("
                    + problem.get() + "); delete it and the operator issues new ones (running pods keep the old "
                    + "files until they are recreated)", INVALID);
        }
        return ready(cluster);
    }

    private void forgetOld(Instant now) {
        verified.values().removeIf(at -> !at.plus(RECHECK).isAfter(now));
    }

    private static Report ready(ArrayCluster cluster) {
        return new Report(true, READY, "Secret " + secretName(cluster) + " holds the cluster's TLS credentials", "");
    }

    private static String secretName(ArrayCluster cluster) {
        return ClusterNames.tlsSecret(cluster.getMetadata().getName());
    }
}

package io.tessera.operator.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;

/**
 * Records Kubernetes Events on Tessera objects ({@code kubectl describe}, {@code kubectl events}).
 * A repeated event (same object, type, reason and message) bumps the count of one Event object
 * instead of creating another, as the kubelet's recorder does. Events are best effort: a failure
 * to record one is logged and never fails a reconciliation.
 */
@ApplicationScoped
public class EventRecorder {

    public static final String COMPONENT = "tessera-operator";
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    @Inject
    KubernetesClient client;
    @Inject
    Clock clock;

    public void normal(HasMetadata object, String reason, String message) {
        record(object, NORMAL, reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        record(object, WARNING, reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        String namespace = object.getMetadata().getNamespace();
        String name = object.getMetadata().getName() + "." + digest(object.getMetadata().getUid(), type, reason, message);
        String now = Conditions.now(clock);
        try {
            var events = client.v1().events().inNamespace(namespace);
            Event existing = events.withName(name).get();
            if (existing == null) {
                events.resource(new EventBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                        .withNewInvolvedObject().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                        .withName(object.getMetadata().getName()).withNamespace(namespace)
                        .withUid(object.getMetadata().getUid()).endInvolvedObject()
                        .withType(type).withReason(reason).withMessage(message).withCount(1)
                        .withFirstTimestamp(now).withLastTimestamp(now)
                        .withNewSource().withComponent(COMPONENT).endSource()
                        .withReportingComponent(COMPONENT).withReportingInstance(COMPONENT)
                        .build()).create();
            } else {
                events.withName(name).edit(e -> new EventBuilder(e)
                        .withCount(e.getCount() == null ? 2 : e.getCount() + 1).withLastTimestamp(now).build());
            }
            Log.debugf("event %s %s on %s/%s: %s", type, reason, namespace, object.getMetadata().getName(), message);
        } catch (KubernetesClientException e) {
            Log.warnf("could not record event %s on %s/%s: %s", reason, namespace, object.getMetadata().getName(),
                    e.getMessage());
        }
    }

    /** Same object, type, reason and message: same Event name, so repeats aggregate. */
    static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

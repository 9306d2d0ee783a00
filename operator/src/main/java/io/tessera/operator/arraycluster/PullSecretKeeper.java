package io.tessera.operator.arraycluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.tessera.api.Constants;
import io.tessera.operator.common.EventRecorder;
import io.tessera.operator.config.OperatorConfig;
import io.tessera.operator.config.OperatorNamespace;

/**
 * Keeps, in the namespace of every ArrayCluster, a copy of each Secret named by
 * {@code tessera.operator.image-pull-secrets} (sources in the operator's own namespace), so that
 * the Dask pods can name them in {@code imagePullSecrets}: a pod can only reference a Secret of its
 * own namespace.
 *
 * <p>The sources are watched, one informer per name with a {@code metadata.name} field selector
 * (RBAC grants get/list/watch on exactly those names), and a change wakes every ArrayCluster, whose
 * pass brings its namespace's copy up to date. A copy carries {@value #COPIED_FROM} and Tessera's
 * managed-by label; a Secret of the same name without them is someone else's and is never
 * overwritten: condition reason NameConflict and a Warning event {@value #CONFLICT} instead. A
 * missing source is reason SourceMissing, a Warning event {@value #MISSING} and a warn log naming
 * it, never an exception loop. Copies have no owner: several clusters share one, and it goes with
 * its namespace.
 */
@ApplicationScoped
public class PullSecretKeeper {

    static final String SETTING = "tessera.operator.image-pull-secrets";
    /** Annotation on a copy: {@code <namespace>/<name>} of its source. */
    public static final String COPIED_FROM = Constants.GROUP + "/copied-from";
    public static final String COMPONENT = "image-pull-secret";
    public static final String MISSING = "ImagePullSecretMissing";
    public static final String CONFLICT = "ImagePullSecretConflict";
    public static final String COPIED = "ImagePullSecretCopied";
    public static final String TYPE_CHANGED = "ImagePullSecretTypeChanged";
    public static final String FAILED = "ImagePullSecretFailed";
    static final Duration RETRY = Duration.ofSeconds(30);
    /**
     * How long a copy found current is trusted without another GET while its source is unchanged:
     * an ArrayCluster is reconciled on every pod event, and one GET per pass and name would be most of
     * the operator's API calls. A copy someone edited or deleted is put back within this time.
     */
    static final Duration RECHECK = Duration.ofMinutes(5);
    /** A DNS-1123 subdomain, what the API server accepts as a Secret name. */
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;
    @Inject
    OperatorNamespace operatorNamespace;
    @Inject
    EventRecorder events;
    @Inject
    Clock clock;

    /** Per target namespace and name: the source's resourceVersion the copy was last found equal to, and when. */
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    /** Sources reported missing in the log, so that the warning is logged once, not on every pass. */
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

    private record Checked(String sourceVersion, Instant at) {
    }

    /**
     * What the condition {@code ImagePullSecretsReady} reports: the first problem's reason, every
     * problem's message. The reconciler turns the problems into Warning events when the condition
     * changes, not on every pass.
     */
    public record Report(boolean ready, String reason, String message, List<Problem> problems) {
    }

    /** Reasons of {@code ImagePullSecretsReady}. */
    static final String READY = "Copied";
    static final String SOURCE_MISSING = "SourceMissing";
    static final String NAME_CONFLICT = "NameConflict";
    static final String TYPE_DIFFERS = "TypeChanged";
    static final String COPY_FAILED = "CopyFailed";

    /** One name's problem: the condition's reason, the Warning event's reason, the message. */
    public record Problem(String reason, String eventReason, String message) {
    }

    /** The configured names, trimmed; a bad name stops the operator at start with the setting named. */
    public List<String> names() {
        List<String> names = config.imagePullSecrets().orElse(List.of()).stream().map(String::trim)
                .filter(n -> !n.isEmpty()).distinct().toList();
        for (String name : names) {
            if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
                throw new IllegalArgumentException(SETTING + ": \"" + name + "\" is not a Secret name (lowercase "
                        + "letters, digits, '-' and '.'); give a comma-separated list such as registry-mirror");
            }
        }
        return names;
    }

    /** Checks the names, and says at start which sources are missing: an accepted setting must not silently do nothing. */
    void checkSettings(@Observes StartupEvent start) {
        List<String> names = names();
        if (names.isEmpty()) {
            return;
        }
        String namespace = operatorNamespace.name();
        for (String name : names) {
            try {
                if (client.secrets().inNamespace(namespace).withName(name).get() == null) {
                    Log.warnf("%s: Secret %s/%s does not exist; the Dask pods name it but cannot pull with it "
                            + "until it is created", SETTING, namespace, name);
                }
            } catch (KubernetesClientException e) {
                Log.warnf("%s: cannot read Secret %s/%s: %s", SETTING, namespace, name, e.getMessage());
            }
        }
        Log.infof("image pull secrets %s from namespace %s are copied to every ArrayCluster's namespace", names,
                namespace);
    }

    /** One informer per source name, in the operator's namespace; a change wakes every primary. */
    public <P extends HasMetadata> List<InformerEventSource<Secret, P>> eventSources(EventSourceContext<P> context,
            Class<P> primary) {
        String namespace = operatorNamespace.name();
        return names().stream().map(name -> new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Secret.class, primary).withName(eventSourceName(name))
                .withNamespaces(Set.of(namespace)).withFollowControllerNamespacesChanges(false)
                .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", name)))
                .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache().list()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context)).toList();
    }

    /**
     * Brings the copies in the owner's namespace up to date with their sources.
     *
     * @param recheck where to add when to try again after a failure
     * @return for the condition; empty when no pull secrets are configured
     */
    public Optional<Report> reconcile(HasMetadata owner, Context<?> context, List<Duration> recheck) {
        List<String> names = names();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String sourceNamespace = operatorNamespace.name();
        String namespace = owner.getMetadata().getNamespace();
        if (namespace.equals(sourceNamespace)) {
            return Optional.of(new Report(true, READY, "the pods name the Secrets of the operator's own namespace",
                    List.of()));
        }
        List<Problem> problems = new java.util.ArrayList<>();
        for (String name : names) {
            @SuppressWarnings("unchecked")
            InformerEventSource<Secret, ?> informer = (InformerEventSource<Secret, ?>) context.eventSourceRetriever()
                    .getEventSourceFor(Secret.class, eventSourceName(name));
            Optional<Secret> source = informer.get(new ResourceID(name, sourceNamespace));
            if (source.isEmpty()) {
                problems.add(reportMissing(owner, sourceNamespace, name));
                continue;
            }
            reportedMissing.remove(name);
            try {
                keepCopy(owner, source.get()).ifPresent(problems::add);
            } catch (KubernetesClientException e) {
                Log.warnf("%s/%s: image pull secret %s: %s", namespace, owner.getMetadata().getName(), name,
                        e.getMessage());
                String message = "could not copy image pull secret " + sourceNamespace + "/" + name
                        + " into this namespace: " + e.getMessage();
                problems.add(new Problem(COPY_FAILED, FAILED, message));
                recheck.add(RETRY);
            }
        }
        if (problems.isEmpty()) {
            return Optional.of(new Report(true, READY, "copies of " + String.join(", ", names) + " from "
                    + sourceNamespace + " are current", List.of()));
        }
        return Optional.of(new Report(false, problems.get(0).reason(),
                problems.stream().map(Problem::message).collect(Collectors.joining("; ")), List.copyOf(problems)));
    }

    private Optional<Problem> keepCopy(HasMetadata owner, Secret source) {
        String namespace = owner.getMetadata().getNamespace();
        String name = source.getMetadata().getName();
        String key = namespace + "/" + name;
        String sourceVersion = source.getMetadata().getResourceVersion();
        Instant now = clock.instant();
        Checked last = checked.get(key);
        if (last != null && last.sourceVersion().equals(sourceVersion) && last.at().plus(RECHECK).isAfter(now)) {
            return Optional.empty();
        }
        Secret desired = copy(source, namespace);
        Secret current = client.secrets().inNamespace(namespace).withName(name).get();
        if (current == null) {
            client.resource(desired).create();
            events.normal(owner, COPIED, "copied image pull secret " + copiedFrom(source) + " into this namespace");
            Log.infof("%s: copied image pull secret %s", key, copiedFrom(source));
        } else if (!managedCopy(current, copiedFrom(source))) {
            String message = "Secret " + name + " in this namespace was not made by Tessera; it is left alone, and "
                    + "the Dask pods pull with it instead of " + copiedFrom(source) + " (rename or delete it to get the copy)";
            return Optional.of(new Problem(NAME_CONFLICT, CONFLICT, message)); // not remembered: looked at again next pass
        } else if (!Objects.equals(current.getType(), desired.getType())) {
            // type is immutable, and the operator may not delete Secrets (RBAC): people replace it.
            String message = "image pull secret " + name + " has type " + current.getType() + " but its source "
                    + copiedFrom(source) + " now has type " + desired.getType()
                    + "; delete the copy and the operator makes a new one";
            return Optional.of(new Problem(TYPE_DIFFERS, TYPE_CHANGED, message));
        } else if (!sameContent(current, desired)) {
            client.resource(new SecretBuilder(desired).editMetadata()
                    .withResourceVersion(current.getMetadata().getResourceVersion()).endMetadata().build()).update();
            events.normal(owner, COPIED, "updated image pull secret " + name + " from " + copiedFrom(source));
            Log.infof("%s: image pull secret updated from %s", key, copiedFrom(source));
        }
        checked.put(key, new Checked(sourceVersion, now));
        return Optional.empty();
    }

    private Problem reportMissing(HasMetadata owner, String sourceNamespace, String name) {
        String message = "image pull secret " + sourceNamespace + "/" + name + " (" + SETTING
                + ") does not exist; the Dask pods name it but cannot pull with it until it is created";
        if (reportedMissing.add(name)) {
            Log.warn(message);
        }
        return new Problem(SOURCE_MISSING, MISSING, message);
    }

    /** The copy of a source for a namespace: same type and data, Tessera's labels, no owner. */
    static Secret copy(Secret source, String namespace) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(Constants.LABEL_MANAGED_BY, Constants.MANAGED_BY);
        labels.put(Constants.LABEL_COMPONENT, COMPONENT);
        return new SecretBuilder().withNewMetadata().withName(source.getMetadata().getName()).withNamespace(namespace)
                .withLabels(labels).withAnnotations(Map.of(COPIED_FROM, copiedFrom(source))).endMetadata()
                .withType(source.getType())
                .withData(source.getData() == null ? null : new TreeMap<>(source.getData()))
                .build();
    }

    static boolean managedCopy(Secret secret, String copiedFrom) {
        Map<String, String> labels = Optional.ofNullable(secret.getMetadata().getLabels()).orElse(Map.of());
        Map<String, String> annotations = Optional.ofNullable(secret.getMetadata().getAnnotations()).orElse(Map.of());
        return Constants.MANAGED_BY.equals(labels.get(Constants.LABEL_MANAGED_BY))
                && copiedFrom.equals(annotations.get(COPIED_FROM));
    }

    private static boolean sameContent(Secret current, Secret desired) {
        return Objects.equals(Optional.ofNullable(current.getData()).orElse(Map.of()),
                Optional.ofNullable(desired.getData()).orElse(Map.of()))
                && Objects.equals(current.getMetadata().getLabels(), desired.getMetadata().getLabels());
    }

    private static String copiedFrom(Secret source) {
        return source.getMetadata().getNamespace() + "/" + source.getMetadata().getName();
    }

    static String eventSourceName(String secret) {
        return "image-pull-secret-" + secret;
    }
}

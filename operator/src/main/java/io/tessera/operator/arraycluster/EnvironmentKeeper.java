package io.tessera.operator.arraycluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkus.logging.Log;
import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.operator.arraycluster.desired.EnvironmentBuildJobFactory;
import io.tessera.operator.arraycluster.desired.EnvironmentCacheClaimFactory;
import io.tessera.operator.arraycluster.desired.EnvironmentConfigMapFactory;
import io.tessera.operator.common.EventRecorder;
import io.tessera.operator.config.OperatorConfig;
import io.tessera.operator.environment.BuildVerdict;
import io.tessera.operator.environment.EnvironmentContent;
import io.tessera.operator.environment.EnvironmentNames;
import io.tessera.operator.environment.EnvironmentReport;
import io.tessera.operator.environment.EnvironmentSettings;
import io.tessera.operator.metrics.OperatorMetrics;

/**
 * Makes sure a cluster's {@code spec.environment} is built before any pod of the cluster is
 * created: the namespace's cache claim, the ConfigMap with the spec file and the build Job of the
 * content hash exist (each created once, an AlreadyExists answer meaning another pass or cluster
 * was first), and reports the condition {@code EnvironmentReady} from the Job.
 *
 * <p>Build Jobs are watched (informer {@link #EVENT_SOURCE}), so a finished build wakes the
 * clusters waiting for it at once. The claim and the ConfigMap are not (that would cache every
 * claim and ConfigMap of the cluster): once found or created they are trusted for {@link #RECHECK}
 * per namespace and hash, so that a pass (there is one per pod event) does not GET them each time.
 */
@ApplicationScoped
public class EnvironmentKeeper {

    public static final String EVENT_SOURCE = "environment-builds";
    static final String BUILD_STARTED = "EnvironmentBuildStarted";
    static final Duration RECHECK = Duration.ofMinutes(5);
    /** Label the Job controller puts on the pods of a Job. */
    static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    @Inject
    KubernetesClient client;
    @Inject
    OperatorConfig config;
    @Inject
    EnvironmentResolver resolver;
    @Inject
    PullSecretKeeper pullSecrets;
    @Inject
    EventRecorder events;
    @Inject
    Clock clock;
    @Inject
    OperatorMetrics metrics;

    /** When each namespace's claim ({@code ns}) and ConfigMap ({@code ns/hash}) was last found. */
    private final Map<String, Instant> known = new ConcurrentHashMap<>();

    /** Build Jobs of every namespace; a change wakes the clusters of the namespace that may ask for its hash. */
    public InformerEventSource<Job, ArrayCluster> eventSource(EventSourceContext<ArrayCluster> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, ArrayCluster.class)
                .withName(EVENT_SOURCE).withLabelSelector(EnvironmentNames.buildSelector())
                .withSecondaryToPrimaryMapper(job -> context.getPrimaryCache()
                        .list(c -> mayAskFor(c, job)).map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
    }

    /**
     * @param recheck where to add when to look again after a problem no watched object announces the end of
     * @return the condition's content; empty when the spec asks for no environment
     */
    public Optional<EnvironmentReport> ensure(ArrayCluster cluster, Context<ArrayCluster> context,
            List<Duration> recheck) {
        if (!EnvironmentContent.requested(cluster.getSpec().getEnvironment())) {
            return Optional.empty();
        }
        EnvironmentReport report = check(cluster, context);
        report.retryAfter().ifPresent(recheck::add);
        return Optional.of(report);
    }

    private EnvironmentReport check(ArrayCluster cluster, Context<ArrayCluster> context) {
        EnvironmentResolver.Resolution resolution = resolver.resolve(cluster);
        if (resolution.content().isEmpty()) {
            return resolution.problem().orElseThrow();
        }
        EnvironmentContent content = resolution.content().get();
        if (content.needsConda() && !config.environments().condaEnabled()) {
            return EnvironmentReport.problem(EnvironmentReport.CONDA_UNAVAILABLE, "spec.environment asks for conda "
                    + "(packages, channels or an @EXPLICIT lockfile), but the worker image has no conda tool "
                    + "(operator setting tessera.operator.environments.conda-enabled is false); move the packages "
                    + "to spec.environment.pip");
        }
        String namespace = cluster.getMetadata().getNamespace();
        Optional<String> group = group(cluster);
        Instant now = clock.instant();
        known.values().removeIf(at -> !at.plus(RECHECK).isAfter(now));
        try {
            ensureOnce(namespace, () -> EnvironmentCacheClaimFactory.desired(namespace, group, settings()),
                    () -> client.persistentVolumeClaims().inNamespace(namespace).withName(EnvironmentNames.CACHE_CLAIM)
                            .get(), now);
        } catch (KubernetesClientException e) {
            return EnvironmentReport.problem(EnvironmentReport.CACHE_UNAVAILABLE, "could not read or create the "
                    + "namespace's environment cache PersistentVolumeClaim " + EnvironmentNames.CACHE_CLAIM + ": " + e.getMessage());
        }
        String name = EnvironmentNames.build(content.hash());
        Optional<Job> job = buildJob(context, namespace, name);
        if (job.isEmpty()) {
            // A retry (the Job deleted) may follow a deleted ConfigMap: look at it again before the build.
            known.remove(namespace + "/" + content.hash());
        }
        ensureOnce(namespace + "/" + content.hash(),
                () -> EnvironmentConfigMapFactory.desired(namespace, content, group, settings()),
                () -> client.configMaps().inNamespace(namespace).withName(name).get(), now);
        if (job.isEmpty() && create(EnvironmentBuildJobFactory.desired(namespace, content, group, settings(),
                config.podSecurity(), pullSecrets.names()))) {
            events.normal(cluster, BUILD_STARTED, "created Job " + name + " to build environment " + content.hash()
                    + " (" + content.summary() + ") into PersistentVolumeClaim " + EnvironmentNames.CACHE_CLAIM);
            metrics.environmentBuildStarted();
        }
        Optional<String> message = BuildVerdict.failed(job) ? terminationMessage(namespace, name) : Optional.empty();
        return BuildVerdict.of(content, job, message);
    }

    /** The object is created unless it was found (or created) within {@link #RECHECK}. */
    private void ensureOnce(String key, Supplier<HasMetadata> desired,
            Supplier<HasMetadata> current, Instant now) {
        if (known.containsKey(key)) {
            return;
        }
        if (current.get() == null) {
            create(desired.get());
        }
        known.put(key, now);
    }

    /** Idempotent create: the names are fixed, so AlreadyExists means someone was first. */
    private boolean create(HasMetadata object) {
        try {
            client.resource(object).create();
            Log.infof("%s/%s: created %s", object.getMetadata().getNamespace(), object.getMetadata().getName(),
                    object.getKind());
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return false;
        }
    }

    private static Optional<Job> buildJob(Context<ArrayCluster> context, String namespace, String name) {
        @SuppressWarnings("unchecked")
        InformerEventSource<Job, ArrayCluster> informer = (InformerEventSource<Job, ArrayCluster>) context
                .eventSourceRetriever().getEventSourceFor(Job.class, EVENT_SOURCE);
        return informer.get(new ResourceID(name, namespace));
    }

    /**
     * The build container's terminated message (the installer's last lines, written by the image),
     * from the Job's pods: read only once the Job failed, so the operator caches no pods of builds.
     */
    private Optional<String> terminationMessage(String namespace, String job) {
        try {
            return client.pods().inNamespace(namespace).withLabel(JOB_NAME_LABEL, job).list().getItems().stream()
                    .map(Pod::getStatus).filter(Objects::nonNull)
                    .flatMap(s -> Optional.ofNullable(s.getContainerStatuses()).orElse(List.of()).stream())
                    .filter(c -> EnvironmentBuildJobFactory.CONTAINER.equals(c.getName()))
                    .map(EnvironmentKeeper::terminated).flatMap(Optional::stream)
                    .map(ContainerStateTerminated::getMessage).filter(m -> m != null && !m.isBlank())
                    .findFirst();
        } catch (KubernetesClientException e) {
            Log.warnf("%s: cannot read the pods of build Job %s: %s", namespace, job, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<ContainerStateTerminated> terminated(ContainerStatus status) {
        return Optional.ofNullable(status.getState()).map(s -> s.getTerminated())
                .or(() -> Optional.ofNullable(status.getLastState()).map(s -> s.getTerminated()));
    }

    /**
     * Whether the cluster may be waiting for the Job: same namespace, and the same hash; a lockfile's
     * content is not known without reading it, so clusters with a lockfile always are.
     */
    private boolean mayAskFor(ArrayCluster cluster, Job job) {
        var spec = cluster.getSpec().getEnvironment();
        if (!Objects.equals(cluster.getMetadata().getNamespace(), job.getMetadata().getNamespace())
                || !EnvironmentContent.requested(spec)) {
            return false;
        }
        String hash = Optional.ofNullable(job.getMetadata().getLabels()).orElse(Map.of())
                .get(EnvironmentNames.LABEL_ENVIRONMENT);
        return spec.getLockfile() != null
                || Objects.equals(hash, EnvironmentContent.ofLists(spec, resolver.image(cluster)).hash());
    }

    private static Optional<String> group(ArrayCluster cluster) {
        return Optional.ofNullable(cluster.getMetadata().getLabels()).map(l -> l.get(Constants.LABEL_GROUP));
    }

    /** The settings as the factories take them; the CA bundle is read when a ConfigMap or Job is made. */
    EnvironmentSettings settings() {
        var e = config.environments();
        return new EnvironmentSettings(e.storageClass(), e.cacheSize(), e.accessMode(), e.buildTimeout(), e.buildCpu(),
                e.buildMemory(), e.condaEnabled(), e.indexUrl(), e.extraIndexUrls().orElse(List.of()),
                e.caBundleFile().map(EnvironmentKeeper::read), e.httpProxy(), e.httpsProxy(), e.noProxy());
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("tessera.operator.environments.ca-bundle-file " + file
                    + " cannot be read", e);
        }
    }
}

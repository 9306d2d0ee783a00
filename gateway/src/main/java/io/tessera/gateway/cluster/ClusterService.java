package io.tessera.gateway.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.tessera.api.v1alpha1.arraycluster.ArrayCluster;
import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.CreateCluster;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.kube.KubernetesSettings;
import io.tessera.gateway.options.ClusterOptions;
import io.tessera.gateway.options.CondaRefusal;
import io.tessera.gateway.options.EnvironmentSettings;
import io.tessera.gateway.options.GroupOptionsService;
import io.tessera.gateway.options.OptionsException;
import io.tessera.gateway.options.OptionsParser;
import io.tessera.gateway.options.OptionsSpec;
import io.tessera.gateway.quota.ArrayClusterFootprint;
import io.tessera.gateway.quota.Decision;
import io.tessera.gateway.quota.Resources;
import io.tessera.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dask-gateway cluster operations for one authenticated user. Users see and control only
 * their own clusters; another user's cluster is 403 on every operation (as dask-gateway does),
 * an unknown one 404 (DELETE: 204, it is idempotent).
 */
@ApplicationScoped
public class ClusterService {

    /** Stopped clusters stay listable (with ?status=STOPPED) this long, as dask-gateway keeps their records. */
    static final Duration STOPPED_VISIBLE = Duration.ofHours(24);
    private static final Set<ClusterState> SETTLED = Set.of(ClusterState.RUNNING, ClusterState.STOPPING,
            ClusterState.STOPPED, ClusterState.FAILED);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    KubernetesClient client;

    @Inject
    KubernetesSettings settings;

    @Inject
    AdmissionService admission;

    @Inject
    ClusterRecords records;

    @Inject
    ClusterSync sync;

    @Inject
    GroupOptionsService groupOptions;

    @Inject
    EnvironmentSettings environments;

    @Inject
    GroupRepository groups;

    @Inject
    ObjectMapper mapper;

    @Inject
    CredentialsCache credentials;

    @Inject
    Clock clock;

    private final SecureRandom random = new SecureRandom();

    /** The options spec for the user: empty when they belong to no group. */
    public List<Map<String, Object>> optionsSpec(String username) {
        List<String> mine = records.groupsOf(username);
        return mine.isEmpty() ? List.of() : OptionsSpec.of(mine, groupOptions.get(mine.get(0)), environments.condaEnabled());
    }

    /** Parses the options, reserves quota, creates the ArrayCluster; releases the reservation if that fails. */
    public String create(String username, JsonNode clusterOptions) {
        requireKubernetes();
        List<String> mine = records.groupsOf(username);
        if (mine.isEmpty()) {
            throw unprocessable("user " + username + " is not a member of any group; ask an admin to add you to one");
        }
        ClusterOptions options = parse(clusterOptions, mine);
        GroupEntity group = groups.require(options.group());
        String name = uniqueName(group.name);
        ArrayCluster cluster = ArrayClusterFactory.build(group.namespace, name, username, options,
                groupOptions.of(group));
        Resources footprint = ArrayClusterFootprint.of(cluster.getSpec()).resources();
        Decision decision = records.reserve(new CreateCluster(group.name, username, name, footprint), group.namespace,
                json(options.normalised()));
        if (decision instanceof Decision.Reject reject) {
            throw unprocessable("cluster not created: " + reject.message());
        }
        try {
            client.resource(cluster).create();
        } catch (RuntimeException e) {
            admission.release(group.namespace, name);
            Log.warnf("could not create ArrayCluster %s/%s, reservation released: %s", group.namespace, name, e.getMessage());
            if (e instanceof KubernetesClientException k && KubernetesRefusals.webhookMessage(k).isPresent()) {
                // The admission webhook's refusal (quota, policy) is the caller's to act on, never a 5xx.
                throw unprocessable("cluster not created: " + KubernetesRefusals.webhookMessage(k).get());
            }
            throw new ApiException(503, "cluster not created: Kubernetes refused the ArrayCluster in namespace "
                    + group.namespace + ": " + kubernetesMessage(e));
        }
        Log.infof("created cluster %s/%s for %s", group.namespace, name, username);
        return name;
    }

    /** The user's clusters whose status is in {@code wanted}, by name. */
    public Map<String, ClusterReport> list(String username, Set<ClusterState> wanted) {
        Map<String, ClusterReport> reports = new LinkedHashMap<>();
        for (ClusterRecords.Row row : records.ofOwner(username, clock.instant().minus(STOPPED_VISIBLE))) {
            ClusterReport report = report(row);
            if (wanted.contains(report.status())) {
                reports.put(report.name(), report);
            }
        }
        return reports;
    }

    /** The report; with {@code wait}, blocks until the cluster is RUNNING or later, at most the wait timeout. */
    public ClusterReport get(String username, String name, boolean wait) {
        ClusterReport report = report(owned(username, name));
        Instant deadline = clock.instant().plus(settings.waitTimeout());
        while (wait && !SETTLED.contains(report.status()) && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            report = report(owned(username, name));
        }
        return report;
    }

    /** Deletes the ArrayCluster (background propagation: its pods go through garbage collection) and releases its quota. */
    public void delete(String username, String name) {
        Optional<ClusterRecords.Row> row = records.latest(name);
        if (row.isEmpty()) {
            return;
        }
        requireOwner(username, row.get());
        requireKubernetes();
        String namespace = row.get().cluster().namespace;
        try {
            client.resources(ArrayCluster.class).inNamespace(namespace).withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            throw new ApiException(503, "cluster " + name + " not deleted: " + kubernetesMessage(e));
        }
        if (admission.release(namespace, name)) {
            Log.infof("deleted cluster %s/%s for %s", namespace, name, username);
        }
    }

    ClusterRecords.Row owned(String username, String name) {
        ClusterRecords.Row row = records.latest(name)
                .orElseThrow(() -> ApiException.notFound("Cluster " + name + " not found"));
        requireOwner(username, row);
        return row;
    }

    private static void requireOwner(String username, ClusterRecords.Row row) {
        if (!row.owner().equals(username)) {
            throw new ApiException(403, "cluster " + row.cluster().name + " belongs to another user");
        }
    }

    ClusterReport report(ClusterRecords.Row row) {
        var cluster = row.cluster();
        Optional<ArrayCluster> resource = settings.enabled() ? sync.find(cluster.namespace, cluster.name) : Optional.empty();
        ClusterState state = ClusterStatusMapper.map(row.released(), resource, cluster.createdAt, clock.instant(),
                settings.syncGrace());
        Long stop = cluster.deletedAt != null ? Long.valueOf(cluster.deletedAt.toEpochMilli()) : null;
        // Only owners get here (list and get are owner-only), hence owner = true.
        return ReportRules.report(cluster.name, state, cluster.createdAt.toEpochMilli(), stop, options(row), true,
                resource.map(ClusterRoutes::dashboardEnabled).orElse(false),
                () -> resource.flatMap(credentials::of));
    }

    private Map<String, Object> options(ClusterRecords.Row row) {
        if (row.options() == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(row.options(), MAP);
        } catch (JsonProcessingException e) {
            Log.warnf("unreadable stored options of cluster %s: %s", row.cluster().name, e.getMessage());
            return Map.of();
        }
    }

    private ClusterOptions parse(JsonNode clusterOptions, List<String> mine) {
        try {
            ClusterOptions options = OptionsParser.parse(clusterOptions, mine, groupOptions::get);
            if (options.environment() != null) {
                CondaRefusal.of(options.environment().conda(), options.environment().condaChannels(),
                        environments.condaEnabled(), OptionsSpec.ENVIRONMENT).ifPresent(message -> {
                            throw new OptionsException(message);
                        });
            }
            return options;
        } catch (OptionsException e) {
            throw unprocessable(e.getMessage());
        }
    }

    private String uniqueName(String group) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String name = ClusterNames.newName(group, random);
            if (!records.nameTaken(name)) {
                return name;
            }
        }
        throw new ApiException(503, "could not find a free cluster name; try again");
    }

    private String json(Map<String, Object> options) {
        try {
            return mapper.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void requireKubernetes() {
        if (!settings.enabled()) {
            throw new ApiException(503, "clusters are unavailable: the gateway runs without Kubernetes"
                    + " (tessera.gateway.kubernetes.enabled=false)");
        }
    }

    static ApiException unprocessable(String message) {
        return new ApiException(422, message);
    }

    static String kubernetesMessage(Exception e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return e.getMessage();
    }
}

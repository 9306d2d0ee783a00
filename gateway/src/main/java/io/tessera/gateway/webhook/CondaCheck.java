package io.tessera.gateway.webhook;

import io.tessera.api.v1alpha1.arraycluster.ArrayClusterSpec;
import io.tessera.api.v1alpha1.arraycluster.spec.EnvironmentSpec;
import io.tessera.gateway.options.CondaRefusal;
import io.tessera.gateway.options.EnvironmentSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The webhook's side of {@link CondaRefusal}: a cluster spec (an ArrayCluster's, or the one an
 * ArrayJob or ScheduledJob runs) asking for conda where it is not enabled is denied, as the REST
 * option is, instead of being accepted and failed later by its build.
 */
@ApplicationScoped
class CondaCheck {

    @Inject
    EnvironmentSettings settings;

    /** @param field where the cluster spec sits in the object, e.g. "spec" or "spec.cluster" */
    Optional<Verdict> deny(String kind, String name, ArrayClusterSpec cluster, String field) {
        EnvironmentSpec environment = cluster == null ? null : cluster.getEnvironment();
        if (environment == null) {
            return Optional.empty();
        }
        return CondaRefusal.of(environment.getConda(), environment.getCondaChannels(), settings.condaEnabled(),
                kind + " " + name + ": " + field + ".environment").map(Verdict::deny);
    }
}

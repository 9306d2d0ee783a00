package io.tessera.gateway.dashboard;

import io.quarkus.security.identity.SecurityIdentity;
import io.tessera.gateway.cluster.ClusterRoutes;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import io.tessera.gateway.identity.GroupAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Who may open a cluster's dashboard: its owner, the admins of its group and platform admins, and
 * only while the cluster is RUNNING with its dashboard on. Every other case (unknown name, stopped,
 * pending, someone else's) is the same empty answer, which the proxy turns into one identical 404,
 * so nobody learns whether a cluster exists.
 */
@ApplicationScoped
public class DashboardAccess {

    @Inject
    ClusterRoutes routes;

    @Inject
    GroupRepository groups;

    @Inject
    GroupAccess access;

    /** The running cluster the caller may view, or empty. Blocking (database). */
    @Transactional
    public Optional<ClusterRoutes.Running> viewable(SecurityIdentity caller, String name) {
        Optional<ClusterRoutes.Running> running = routes.running(name).filter(ClusterRoutes.Running::dashboard);
        if (running.isEmpty() || caller.isAnonymous()) {
            return Optional.empty();
        }
        if (running.get().owner().equals(caller.getPrincipal().getName())) {
            return running;
        }
        GroupEntity group = groups.findById(running.get().groupId());
        return group != null && access.canAdminister(caller, group.name) ? running : Optional.empty();
    }
}

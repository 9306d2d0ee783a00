package io.tessera.gateway.kube;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.tessera.gateway.group.GroupEntity;
import io.tessera.gateway.group.GroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * At startup, makes sure every group has its namespace (groups created while Kubernetes was
 * unreachable, namespaces deleted by hand). Problems are logged as errors and do not stop the
 * gateway: the admin sees the same message when they (re)create or inspect the group.
 */
@ApplicationScoped
public class NamespaceStartup {

    @Inject
    GroupRepository groups;

    @Inject
    GroupNamespaces namespaces;

    @Inject
    KubernetesSettings settings;

    void onStart(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        int problems = 0;
        List<GroupEntity> all = QuarkusTransaction.requiringNew().call(groups::listAll);
        for (GroupEntity group : all) {
            var problem = namespaces.problem(group.name, group.namespace);
            if (problem.isPresent()) {
                problems++;
                Log.errorf("group %s: namespace %s: %s", group.name, group.namespace, problem.get());
            }
        }
        Log.infof("namespaces of %d groups reconciled, %d problems", all.size(), problems);
    }
}

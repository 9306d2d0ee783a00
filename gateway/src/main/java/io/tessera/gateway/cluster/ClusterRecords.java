package io.tessera.gateway.cluster;

import io.tessera.gateway.admission.AdmissionService;
import io.tessera.gateway.admission.ClusterEntity;
import io.tessera.gateway.admission.ClusterRepository;
import io.tessera.gateway.admission.CreateCluster;
import io.tessera.gateway.quota.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The database side of dask-gateway clusters: reservations with their owners, and the options they were created with. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ClusterRecords {

    /** A reservation row, its owner's username and its stored options (JSON text, or null for kubectl clusters). */
    public record Row(ClusterEntity cluster, String owner, String options) {

        public boolean released() {
            return !ClusterEntity.ACTIVE.equals(cluster.state);
        }
    }

    private static final String ROWS = "select c, u.username from ClusterEntity c, UserEntity u where u.id = c.ownerId";

    @Inject
    EntityManager em;

    @Inject
    AdmissionService admission;

    @Inject
    ClusterRepository clusters;

    /**
     * Admits the cluster and records its options in one transaction: either both exist or neither.
     * The caller creates the ArrayCluster afterwards and releases the reservation if that fails.
     */
    @Transactional
    public Decision reserve(CreateCluster request, String namespace, String optionsJson) {
        Decision decision = admission.create(request);
        if (decision.admitted()) {
            ClusterEntity row = clusters.findLive(namespace, request.name()).orElseThrow();
            em.createNativeQuery("insert into cluster_options (cluster_id, options) values (?1, ?2)"
                    + " on conflict (cluster_id) do nothing")
                    .setParameter(1, row.id).setParameter(2, optionsJson).executeUpdate();
        }
        return decision;
    }

    /** The newest cluster of that name, live or released: names are unique, reuse only through kubectl. */
    public Optional<Row> latest(String name) {
        return withOptions(em.createQuery(ROWS + " and c.name = :name order by c.id desc", Object[].class)
                .setParameter("name", name).setMaxResults(1).getResultList()).stream().findFirst();
    }

    /** The user's live clusters and those released since {@code stoppedSince}, oldest first. */
    public List<Row> ofOwner(String username, Instant stoppedSince) {
        return withOptions(em.createQuery(ROWS + " and u.username = :user and (c.state = 'ACTIVE' or c.deletedAt >= :since)"
                        + " order by c.id", Object[].class)
                .setParameter("user", username).setParameter("since", stoppedSince).getResultList());
    }

    /** Whether any cluster, live or released, in any namespace, ever had this name. */
    public boolean nameTaken(String name) {
        return clusters.count("name", name) > 0;
    }

    /** Live reservations created before {@code before}: candidates for the resync's release of vanished clusters. */
    @Transactional
    public List<ClusterEntity> activeCreatedBefore(Instant before) {
        return clusters.list("state = 'ACTIVE' and createdAt < ?1", before);
    }

    /** The names of the user's groups, alphabetically: the first is their default group. */
    public List<String> groupsOf(String username) {
        return em.createQuery("select g.name from GroupEntity g, MembershipEntity m, UserEntity u"
                        + " where m.groupId = g.id and m.userId = u.id and u.username = :user order by g.name", String.class)
                .setParameter("user", username).getResultList();
    }

    private List<Row> withOptions(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> ((ClusterEntity) r[0]).id).toList();
        Map<Long, String> options = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> stored = em.createNativeQuery("select cluster_id, options from cluster_options where cluster_id in (?1)")
                .setParameter(1, ids).getResultList();
        stored.forEach(r -> options.put(((Number) r[0]).longValue(), (String) r[1]));
        return rows.stream().map(r -> {
            ClusterEntity c = (ClusterEntity) r[0];
            return new Row(c, (String) r[1], options.get(c.id));
        }).toList();
    }
}

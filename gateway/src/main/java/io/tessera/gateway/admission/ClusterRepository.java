package io.tessera.gateway.admission;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.tessera.gateway.quota.Resources;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Live clusters and the sums admission compares with the quota. */
@ApplicationScoped
public class ClusterRepository implements PanacheRepository<ClusterEntity> {

    private static final String SUMS = "select coalesce(sum(c.reservedCoresMillis), 0),"
            + " coalesce(sum(c.reservedMemoryBytes), 0), coalesce(sum(c.reservedGpus), 0),"
            + " coalesce(sum(c.reservedWorkers), 0), count(c) from ClusterEntity c"
            + " where c.state = 'ACTIVE' and c.groupId = :group";

    public Optional<ClusterEntity> findLive(String namespace, String name) {
        return find("namespace = ?1 and name = ?2 and state = 'ACTIVE'", namespace, name).firstResultOptional();
    }

    public Reservations ofGroup(long groupId) {
        return sums(getEntityManager().createQuery(SUMS, Object[].class)
                .setParameter("group", groupId).getSingleResult());
    }

    public Reservations ofMember(long groupId, long userId) {
        return sums(getEntityManager().createQuery(SUMS + " and c.ownerId = :owner", Object[].class)
                .setParameter("group", groupId).setParameter("owner", userId).getSingleResult());
    }

    private static Reservations sums(Object[] row) {
        return new Reservations(new Resources(number(row[0]), number(row[1]), number(row[2]), number(row[3])),
                number(row[4]));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}

package io.tessera.gateway.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Read-only queries of the pages. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PageQueries {

    private static final long GI = 1L << 30;

    @Inject
    EntityManager em;

    /** The user's live clusters, newest first, with what each reserves. */
    public List<ClusterRow> clusters(String username) {
        List<Object[]> rows = em.createQuery("select c.name, g.name, c.namespace, c.state, c.reservedCoresMillis,"
                + " c.reservedMemoryBytes, c.reservedGpus, c.reservedWorkers, c.createdAt"
                + " from ClusterEntity c, GroupEntity g, UserEntity u"
                + " where c.groupId = g.id and c.ownerId = u.id and u.username = ?1 and c.state = 'ACTIVE'"
                + " order by c.createdAt desc, c.name", Object[].class).setParameter(1, username).getResultList();
        return rows.stream().map(r -> new ClusterRow((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                cores((Long) r[4]), memory((Long) r[5]), (Long) r[6], (Integer) r[7], (Instant) r[8])).toList();
    }

    static String cores(long millicores) {
        return BigDecimal.valueOf(millicores, 3).stripTrailingZeros().toPlainString();
    }

    static String memory(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(GI), 2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " GiB";
    }
}
